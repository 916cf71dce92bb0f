// 1,000 retail stores from one program: `npm run example:edge` writes one bundle per
// store to cdk.out/edge/<store>/ (k3s config, manifests, images.txt, SHA256SUMS) and
// the Flux objects that deliver them to cdk.out/gitops/flux/.
import * as path from 'path';
import { buildRetailFleet } from './retail';
import { EdgeInventory, Fleet } from '../../lib';

const fleet = new Fleet({
  name: 'retail',
  tags: { 'team': 'store-platform', 'cost-center': 'cc-4711', 'environment': 'prod' },
  telemetry: { otlpEndpoint: 'http://otel-collector.observability:4317' },
});
buildRetailFleet(fleet, EdgeInventory.fromFile(path.join(__dirname, 'stores.csv')).sites);
fleet.synth();
