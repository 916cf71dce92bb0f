// One cluster per cloud, each with a general pool and an H100 pool, all built from
// the same props objects: moving a cluster between clouds means changing the class.
// Run with `npm run example`; the output lands in cdk.out/.
import {
  Accelerator, AksCluster, EksCluster, Fleet, GkeCluster, GpuNodePoolOptions, GpuSharing, ICluster,
  KubernetesVersion, NodePoolOptions,
} from '../../lib';

const fleet = new Fleet({
  tags: { 'team': 'ml-platform', 'cost-center': 'cc-1234', 'environment': 'prod' },
});

const shared = { kubernetesVersion: KubernetesVersion.V1_34 };
const general: NodePoolOptions = { minSize: 2, maxSize: 6, labels: { workload: 'general' } };
const h100: GpuNodePoolOptions = {
  accelerator: Accelerator.NVIDIA_H100,
  gpusPerNode: 1,
  sharing: GpuSharing.timeSlicing(2),
  minSize: 0,
  maxSize: 4,
  spot: true,
};

const clusters: ICluster[] = [
  new EksCluster(fleet, 'aws-us-east', { ...shared, region: 'us-east-1' }),
  new GkeCluster(fleet, 'gcp-us-central', { ...shared, project: 'acme-ml-prod', region: 'us-central1' }),
  new AksCluster(fleet, 'azure-westeurope', { ...shared, location: 'westeurope' }),
];

for (const cluster of clusters) {
  cluster.addNodePool('general', general);
  cluster.addGpuNodePool('h100', h100);
}

fleet.synth();
