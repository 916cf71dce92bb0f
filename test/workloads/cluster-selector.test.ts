import { Accelerator, AksCluster, EksCluster, Fleet, GkeCluster, InferenceService, Workload, WorkloadProps } from '../../lib';
import { synthFleet } from '../support/synth';

const props = (extra: Partial<WorkloadProps>): WorkloadProps => ({
  image: 'ghcr.io/acme/web:1.4.2', resources: { cpu: '250m', memory: '256Mi' }, ...extra,
});

function labelledFleet(fleet: Fleet): { eks: EksCluster; gke: GkeCluster; aks: AksCluster } {
  const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1', labels: { region: 'us', tier: 'web' } });
  eks.addNodePool('general');
  const gke = new GkeCluster(fleet, 'gcp-us', { project: 'acme-prod', region: 'us-central1', labels: { region: 'us', tier: 'batch' } });
  gke.addNodePool('general');
  const aks = new AksCluster(fleet, 'azure-eu', { location: 'westeurope', labels: { 'region': 'eu', 'acme.io/tier': 'web' } });
  aks.addNodePool('general'); // AKS's system pool takes critical add-ons only
  return { eks, gke, aks };
}

describe('placement by cluster labels', () => {
  test('a selector places the workload on every cluster whose labels include it', () => {
    const out = synthFleet(fleet => {
      labelledFleet(fleet);
      new Workload(fleet, 'web', props({ clusterSelector: { region: 'us' } }));
    });
    expect(Object.keys(out.manifest.kubernetes).sort()).toEqual(['aws-us', 'gcp-us']);
    expect(out.manifest.kubernetes['aws-us'].workloads).toEqual(['apps/web']);
  });

  test('placement and selector combine without duplicates', () => {
    const out = synthFleet(fleet => {
      const { eks, aks } = labelledFleet(fleet);
      new Workload(fleet, 'web', props({ placement: [eks, aks], clusterSelector: { tier: 'web' } }));
    });
    expect(Object.keys(out.manifest.kubernetes).sort()).toEqual(['aws-us', 'azure-eu']);
    expect(out.manifest.kubernetes['aws-us'].workloads).toEqual(['apps/web']);
  });

  test('clusters created after the workload are selected too', () => {
    const out = synthFleet(fleet => {
      new Workload(fleet, 'web', props({ clusterSelector: { 'acme.io/tier': 'web' } }));
      labelledFleet(fleet);
    });
    expect(Object.keys(out.manifest.kubernetes)).toEqual(['azure-eu']);
  });

  test('cluster labels are in manifest.json', () => {
    const out = synthFleet(fleet => { labelledFleet(fleet); });
    expect(out.manifest.stacks['gcp-us'].cluster.labels).toEqual({ region: 'us', tier: 'batch' });
  });

  test('a selector matching no cluster fails synth naming the workload, the selector and the clusters\' labels', () => {
    const fleet = new Fleet({ outdir: 'unused' });
    labelledFleet(fleet);
    new Workload(fleet, 'web', props({ clusterSelector: { region: 'ap', tier: 'web' } }));
    expect(() => fleet.synth()).toThrow(
      "workload 'fleet/web': clusterSelector {region=ap, tier=web} matches no cluster; clusters and their labels: " +
      'aws-us {region=us, tier=web}, gcp-us {region=us, tier=batch}, azure-eu {acme.io/tier=web, region=eu}');
  });

  test('a selected GPU workload is checked against the selected clusters\' pools', () => {
    const fleet = new Fleet({ outdir: 'unused' });
    labelledFleet(fleet);
    new InferenceService(fleet, 'llm', { ...props({ clusterSelector: { region: 'eu' } }), gpu: { accelerator: Accelerator.NVIDIA_H100 } });
    expect(() => fleet.synth()).toThrow(/fleet\/llm: inferenceService: no GPU pool on cluster 'azure-eu' can fit 1 × NVIDIA H100/);
  });

  test.each([
    [{}, /placement is empty and there is no clusterSelector/],
    [{ clusterSelector: {} }, /clusterSelector is empty; give at least one label/],
    [{ clusterSelector: { 'bad key!': 'x' } }, /clusterSelector 'bad key!'='x' is not a valid Kubernetes label/],
    [{ clusterSelector: { tier: 'not valid' } }, /clusterSelector 'tier'='not valid' is not a valid Kubernetes label/],
  ])('rejects %j at construction', (extra, message) => {
    const fleet = new Fleet({ outdir: 'unused' });
    expect(() => new Workload(fleet, 'web', props(extra as Partial<WorkloadProps>))).toThrow(message);
  });

  test('rejects cluster labels that are not Kubernetes labels', () => {
    const fleet = new Fleet({ outdir: 'unused' });
    expect(() => new EksCluster(fleet, 'aws', { region: 'us-east-1', labels: { tier: '-web' } }))
      .toThrow("eksCluster 'fleet/aws': label 'tier'='-web' is not a valid Kubernetes label");
  });
});
