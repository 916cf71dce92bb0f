// A product team's fleet built from Acme's platform package (examples/platform-package):
// Acme's preset EKS cluster, two golden-path services and Acme's policy pack beside the
// bundled ones. `npm run example:platform` builds the package with jsii and synthesizes
// this stack into cdk.out/.
import { AcmeOwnershipPack } from '@acme/fleet-platform';
import { Fleet, PolicyPacks } from 'cdk-fleet';
import { buildCheckout } from './checkout';

const fleet = new Fleet({
  tags: { environment: 'prod' },
  policy: { packs: [...PolicyPacks.defaults(), new AcmeOwnershipPack()] },
});
buildCheckout(fleet);
fleet.synth();
