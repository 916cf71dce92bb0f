/**
 * Child process of the locale test: synthesizes one fleet into argv[2] under whatever
 * LANG / LC_ALL / TZ the parent set. The fleet has findings from several packs (policy in
 * warn mode, three clouds, an endpoint open to the internet) and env names whose order
 * differs between code units and the `et_EE` / `tr_TR` collations.
 */
import { AksCluster, EksCluster, EndpointAccess, Fleet, GkeCluster, PolicyMode, Workload } from '../../lib';

const fleet = new Fleet({ outdir: process.argv[2], policy: { mode: PolicyMode.WARN }, tags: { team: 'zeta' } });
const eks = new EksCluster(fleet, 'aws-z', { region: 'us-east-1', endpointAccess: EndpointAccess.publicAndPrivate(['0.0.0.0/0']) });
eks.addNodePool('general');
new GkeCluster(fleet, 'gcp-i', { project: 'acme-locale', region: 'us-central1' }).addNodePool('general');
new AksCluster(fleet, 'azure-t', { location: 'westeurope' }).addNodePool('general');
new Workload(fleet, 'shop', {
  image: 'ghcr.io/acme/shop:1.0.0',
  placement: [eks],
  resources: { cpu: '100m', memory: '128Mi' },
  env: { TIER: 't', ZONE: 'z', SHARD: 's', HOST: 'h', CHANNEL: 'ch', INDEX: 'I', index_lower: 'i', Zeta: 'ž' },
});
fleet.synth();
