// `npm run bench` helper: the retail edge example scaled to EDGE_SITES stores (the
// bundled 1,000-row inventory cycled with new names), five workloads per store.
// EDGE_POLICY=off synthesizes without policy checks (to measure their cost).
import * as path from 'path';
import { EdgeInventory, EdgeSiteProps, Fleet, PolicyMode } from '../lib';
import { buildRetailFleet } from '../examples/edge-retail/retail';

const count = Number(process.env.EDGE_SITES ?? 1000);
const rows = EdgeInventory.fromFile(path.join(__dirname, '../../examples/edge-retail/stores.csv')).sites;
const sites: EdgeSiteProps[] = [];
for (let i = 0; i < count; i++) sites.push({ ...rows[i % rows.length], name: `store-${String(i + 1).padStart(5, '0')}` });

const fleet = new Fleet({
  name: 'retail',
  tags: { 'team': 'store-platform', 'cost-center': 'cc-4711', 'environment': 'prod' },
  telemetry: { otlpEndpoint: 'http://otel-collector.observability:4317' },
  ...(process.env.EDGE_POLICY === 'off' ? { policy: { mode: PolicyMode.OFF } } : {}),
});
buildRetailFleet(fleet, sites);
fleet.synth();
