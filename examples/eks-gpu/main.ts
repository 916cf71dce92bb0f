// One EKS cluster with a general-purpose pool and an NVIDIA L4 GPU pool.
// Run with `npm run example`; the output lands in cdk.out/.
import { Accelerator, EksCluster, Fleet, GpuSharing } from '../../lib';

const fleet = new Fleet({
  tags: { 'team': 'ml-platform', 'cost-center': 'cc-1234', 'environment': 'prod' },
});

const cluster = new EksCluster(fleet, 'prod-us', {
  region: 'us-east-1',
  admins: ['arn:aws:iam::111122223333:role/platform-admin'],
});

cluster.addNodePool('general', { machineType: 'm7i.xlarge', minSize: 2, maxSize: 6 });

cluster.addGpuNodePool('l4', {
  accelerator: Accelerator.NVIDIA_L4,
  gpusPerNode: 1,
  sharing: GpuSharing.timeSlicing(4),
  minSize: 0,
  maxSize: 4,
  spot: true,
});

fleet.synth();
