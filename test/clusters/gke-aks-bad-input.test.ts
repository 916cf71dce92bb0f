import { Accelerator, AksCluster, AksClusterProps, Fleet, GkeCluster, GkeClusterProps, GpuNodePoolOptions, GpuSharing, KubernetesVersion } from '../../lib';

const gke = (props: Partial<GkeClusterProps> = {}, id = 'ml-us') =>
  new GkeCluster(new Fleet(), id, { project: 'acme-ml-prod', region: 'us-central1', ...props });
const aks = (props: Partial<AksClusterProps> = {}, id = 'ml-eu') =>
  new AksCluster(new Fleet(), id, { location: 'westeurope', ...props });

describe('GKE and AKS bad input', () => {
  test.each<[string, () => void, RegExp]>([
    ['L4 on Azure lists what Azure offers', () => aks().addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 }),
      /gpuNodePool 'fleet\/ml-eu\/l4': accelerator NVIDIA L4 is not offered on azure; azure offers: NVIDIA T4, NVIDIA A10G, NVIDIA A100 40GB, NVIDIA A100 80GB, NVIDIA H100 80GB, NVIDIA H200 141GB/],
    ['A10G on GCP', () => gke().addGpuNodePool('a10', { accelerator: Accelerator.NVIDIA_A10G }),
      /accelerator NVIDIA A10G is not offered on gcp; gcp offers: NVIDIA T4, NVIDIA L4/],
    ['a count GKE does not offer for H200', () => gke().addGpuNodePool('h200', { accelerator: Accelerator.NVIDIA_H200, gpusPerNode: 4 }),
      /count 4 is not offered for NVIDIA H200 141GB on gcp; machines offer 8 GPUs \(a3-ultragpu-8g: 8\)/],
    ['a count an Azure VM size does not offer', () => aks().addGpuNodePool('h100', { accelerator: Accelerator.NVIDIA_H100, machineType: 'Standard_ND96isr_H100_v5', gpusPerNode: 2 }),
      /count 2 is not offered by Standard_ND96isr_H100_v5 \(8 GPUs\); use 8 or choose another machine/],
    ['a MIG profile of another GPU', () => gke().addGpuNodePool('a100', { accelerator: Accelerator.NVIDIA_A100_40GB, sharing: GpuSharing.mig('1g.10gb') } as GpuNodePoolOptions),
      /MIG profile '1g.10gb' is not valid for NVIDIA A100 40GB; valid profiles: 1g.5gb, 2g.10gb, 3g.20gb, 4g.20gb, 7g.40gb/],
  ])('%s', (_name, act, message) => {
    expect(act).toThrow(message);
  });

  test.each<[string, () => void, RegExp]>([
    ['GKE cluster name with capitals', () => gke({ clusterName: 'ML-US' }), /gkeCluster 'fleet\/ml-us': clusterName 'ML-US' is not a valid GKE cluster name: it must start with a lowercase letter/],
    ['GKE cluster name too long', () => gke({ clusterName: 'a'.repeat(41) }), /it is 41 characters long \(1 to 40 allowed\)/],
    ['GKE node pool name', () => gke().addNodePool('Pool_1'), /nodePool 'fleet\/ml-us\/Pool_1': id 'Pool_1' is not a valid GKE node pool name/],
    ['AKS cluster name', () => aks({ clusterName: 'ml eu' }), /aksCluster 'fleet\/ml-eu': clusterName 'ml eu' is not a valid AKS cluster name/],
    ['AKS node pool name too long', () => aks().addNodePool('generalpurpose'), /id 'generalpurpose' is not a valid AKS node pool name: it must be 1 to 12 lowercase letters and digits/],
    ['AKS node pool name with a dash', () => aks().addNodePool('gpu-pool'), /id 'gpu-pool' is not a valid AKS node pool name/],
    ['AKS pool named like the system pool', () => aks().addNodePool('system'), /'system' is the name of the system pool/],
  ])('naming: %s', (_name, act, message) => {
    expect(act).toThrow(message);
  });

  test.each<[string, () => void, RegExp]>([
    ['GKE zone outside the region', () => gke({ zone: 'europe-west4-a' }), /zone entry 'europe-west4-a' is not a zone of region 'us-central1'; zones of us-central1: 'us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f'/],
    ['GKE node zone outside the region', () => gke({ nodeZones: ['us-central1-a', 'us-east1-b'] }), /nodeZones entry 'us-east1-b' is not a zone of region 'us-central1'/],
    ['AKS zone that does not exist', () => aks({ zones: ['1', '4'] }), /zones entry '4' is not a zone of region 'westeurope'; zones of westeurope: '1', '2', '3'/],
    ['GKE region', () => gke({ region: 'us-central' }), /region 'us-central' is not a Google Cloud region in the region catalog 2026.11 \(did you mean 'us-central1'/],
    ['AKS location', () => aks({ location: 'West Europe' }), /location 'West Europe' is not an Azure region in the region catalog 2026.11 \(did you mean 'westeurope'/],
    ['GKE project id', () => gke({ project: 'Acme' }), /project 'Acme' is not a Google Cloud project id/],
  ])('places: %s', (_name, act, message) => {
    expect(act).toThrow(message);
  });

  test.each<[string, () => void, RegExp]>([
    ['a version GKE does not offer', () => gke({ kubernetesVersion: KubernetesVersion.V1_31 }), /gkeCluster 'fleet\/ml-us': kubernetesVersion '1.31' is not offered by gcp; supported: 1.32, 1.33, 1.34, 1.35/],
    ['a version AKS does not offer', () => aks({ kubernetesVersion: KubernetesVersion.of('1.29') }), /aksCluster 'fleet\/ml-eu': kubernetesVersion '1.29' is not offered by azure/],
  ])('versions: %s', (_name, act, message) => {
    expect(act).toThrow(message);
  });

  test.each<[string, () => void, RegExp]>([
    ['GKE overlapping ranges', () => gke({ network: { podsCidr: '10.10.0.0/16' } }), /network ranges '10.10.0.0\/20' and '10.10.0.0\/16' overlap/],
    ['GKE control plane range not /28', () => gke({ masterIpv4CidrBlock: '172.16.0.0/24' }), /masterIpv4CidrBlock '172.16.0.0\/24' must be a \/28/],
    ['GKE malformed range', () => gke({ network: { servicesCidr: '10.20.0.0' } }), /network.servicesCidr '10.20.0.0' is not a valid IPv4 CIDR block/],
    ['AKS service range inside the virtual network', () => aks({ network: { serviceCidr: '10.225.0.0/16' } }), /network ranges '10.224.0.0\/12' and '10.225.0.0\/16' overlap/],
    ['AKS nodes outside the address space', () => aks({ network: { nodesCidr: '10.100.0.0/16' } }), /network.nodesCidr '10.100.0.0\/16' is not inside network.addressSpace '10.224.0.0\/12'/],
    ['AKS system pool sizes', () => aks({ systemPool: { minSize: 3, maxSize: 2 } }), /systemPool 'fleet\/ml-eu': minSize 3 is greater than maxSize 2/],
  ])('ranges and sizes: %s', (_name, act, message) => {
    expect(act).toThrow(message);
  });

  test('zero node pools: an error for GKE, not for AKS (its system pool runs the cluster add-ons)', () => {
    const fleet = new Fleet();
    new GkeCluster(fleet, 'empty', { project: 'acme-ml-prod', region: 'us-central1' });
    new AksCluster(fleet, 'system-only', { location: 'westeurope' });
    const errors = fleet.node.findAll().flatMap(c => c.node.validate().map(m => `${c.node.path}: ${m}`));
    expect(errors).toEqual([expect.stringMatching(/^fleet\/empty: gkeCluster has no node pools and no node autoprovisioning/)]);
  });
});
