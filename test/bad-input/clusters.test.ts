import { BadInput, thrownBy } from './table';
import {
  Accelerator, AksCluster, AksClusterProps, EksCluster, EksClusterProps, EksNodeImage, EndpointAccess, Fleet, GkeCluster, GkeClusterProps,
  GpuNodePoolOptions, GpuSharing, KubernetesVersion, NodePoolOptions,
} from '../../lib';
import { synthFleet } from '../support/synth';

const eks = (props: Partial<EksClusterProps> = {}) => new EksCluster(new Fleet(), 'prod-us', { region: 'us-east-1', ...props });
const gke = (props: Partial<GkeClusterProps> = {}) => new GkeCluster(new Fleet(), 'ml-us', { project: 'acme-ml-prod', region: 'us-central1', ...props });
const aks = (props: Partial<AksClusterProps> = {}) => new AksCluster(new Fleet(), 'ml-eu', { location: 'westeurope', ...props });
const pool = (options: NodePoolOptions) => eks().addNodePool('pool', options);
const gpuPool = (options: GpuNodePoolOptions) => eks().addGpuNodePool('gpu', options);
const synthTwo = (build: (fleet: Fleet) => void) => () => {
  const fleet = new Fleet({ outdir: 'never-written' });
  build(fleet);
  fleet.synth();
};

const EKS: BadInput[] = [
  ['a region that does not exist (a typo)', () => eks({ region: 'us-east-7' }),
    /eksCluster 'fleet\/prod-us': region 'us-east-7' is not an AWS region in the region catalog 2026\.11 \(did you mean 'us-east-1'/],
  ['a region that is not a region at all', () => eks({ region: 'mars-1' }), /eksCluster 'fleet\/prod-us': region 'mars-1' is not an AWS region .*\(e\.g\. 'us-east-1'\).*additionalRegions/],
  ['a missing region (jsii callers can omit it)', () => eks({ region: undefined as any }), /eksCluster 'fleet\/prod-us': region \(missing\) is not an AWS region/],
  ['a Google region on AWS', () => eks({ region: 'us-central1' }), /region 'us-central1' is not an AWS region in the region catalog/],
  ['a zone letter the region does not have', () => eks({ vpc: { availabilityZones: ['us-east-1a', 'us-east-1z'] } }),
    /eksCluster 'fleet\/prod-us': vpc\.availabilityZones entry 'us-east-1z' is not a zone of region 'us-east-1'; zones of us-east-1: 'us-east-1a', 'us-east-1b'/],
  ['a zone of another region', () => eks({ vpc: { availabilityZones: ['us-east-1a', 'eu-west-1b'] } }), /vpc\.availabilityZones entry 'eu-west-1b' is not a zone of region 'us-east-1'/],
  ['a zone count above six', () => eks({ vpc: { zoneCount: 7 } }), /eksCluster 'fleet\/prod-us': vpc\.zoneCount is 7 zone\(s\); use 2 to 6/],
  ['a NaN zone count', () => eks({ vpc: { zoneCount: NaN } }), /vpc\.zoneCount is NaN zone\(s\); use 2 to 6/],
  ['a cluster name with a space', () => eks({ clusterName: 'prod us' }), /eksCluster 'fleet\/prod-us': clusterName 'prod us' is not a valid EKS cluster name: it must start with a letter or digit/],
  ['a 150-character cluster name is cut in the message', () => eks({ clusterName: 'p'.repeat(150) }),
    /eksCluster 'fleet\/prod-us': clusterName 'p{60}…\(150 characters\)' is not a valid EKS cluster name: it is 150 characters long \(1 to 100 allowed\)/],
  ['a Kubernetes version EKS does not offer', () => eks({ kubernetesVersion: KubernetesVersion.of('1.20') }), /kubernetesVersion '1\.20' is not offered by aws; supported: 1\.31/],
  ['a VPC CIDR with a /33', () => eks({ vpc: { cidr: '10.0.0.0/33' } }), /vpc\.cidr '10\.0\.0\.0\/33' is not a valid IPv4 CIDR block: prefix \/33 is greater than \/32/],
  ['a service CIDR inside the VPC', () => eks({ serviceIpv4Cidr: '10.0.128.0/17' }), /serviceIpv4Cidr '10\.0\.128\.0\/17' overlaps the VPC CIDR '10\.0\.0\.0\/16'; choose a service range outside the VPC/],
  ['a log retention CloudWatch does not offer', () => eks({ logRetentionDays: 10 }), /logRetentionDays 10 is not a CloudWatch retention; use one of 1, 3, 5/],
  ['a NaN log retention', () => eks({ logRetentionDays: NaN }), /logRetentionDays NaN is not a CloudWatch retention/],
  ['an admin that is not an ARN', () => eks({ admins: ['platform-admin'] }), /admins\[0\] 'platform-admin' is not an IAM role or user ARN/],
  ['a node image outside its enum', () => eks({ nodeImage: 'ubuntu' as EksNodeImage }), /eksCluster 'fleet\/prod-us': nodeImage 'ubuntu' is not a EksNodeImage; use EksNodeImage\.AL2023/],
  ['a NAT gateway layout outside its enum', () => eks({ vpc: { natGateways: 'none' as any } }), /vpc\.natGateways 'none' is not a NatGateways; use NatGateways\./],
  ['a tag key AWS-style capitalized', () => eks({ tags: { Team: 'x' } }), /tag key 'Team' must start with a lowercase letter/],
  ['a cluster label that is not a label', () => eks({ labels: { 'bad key!': 'x' } }), /eksCluster 'fleet\/prod-us': label 'bad key!'='x' is not a valid Kubernetes label/],
  ['an endpoint CIDR with host bits', () => eks({ endpointAccess: EndpointAccess.publicAndPrivate(['198.51.100.7/24']) }), /endpointAccess allowed CIDR '198\.51\.100\.7\/24' is not a valid IPv4 CIDR block: host bits are set/],
  ['an existing VPC id that is not an id', () => eks({ existingVpc: { vpcId: 'my-vpc', subnetIds: [] } }), /existingVpc\.vpcId 'my-vpc' is not a VPC id; use the form 'vpc-/],
  ['two node autoscalers', () => eks({ addons: { karpenter: true, clusterAutoscaler: true } }), /addons\.karpenter and addons\.clusterAutoscaler exclude each other; choose one/],
];

const POOLS: BadInput[] = [
  ['a node maxSize of 1e15', () => pool({ maxSize: 1e15 }), /nodePool 'fleet\/prod-us\/pool': maxSize 1000000000000000 is above 1000, the most nodes one pool can have/],
  ['a node maxSize of 1001', () => pool({ maxSize: 1001 }), /maxSize 1001 is above 1000/],
  ['a negative minSize', () => pool({ minSize: -1 }), /nodePool 'fleet\/prod-us\/pool': minSize -1 must be a whole number ≥ 0/],
  ['a NaN minSize', () => pool({ minSize: NaN }), /minSize NaN must be a whole number ≥ 0/],
  ['an infinite maxSize', () => pool({ maxSize: Infinity }), /maxSize Infinity must be a whole number ≥ 0/],
  ['a fractional desiredSize', () => pool({ desiredSize: 1.5 }), /desiredSize 1\.5 must be a whole number ≥ 0/],
  ['a desiredSize outside min..max', () => pool({ minSize: 1, maxSize: 3, desiredSize: 4 }), /desiredSize 4 is outside \[minSize, maxSize\] = \[1, 3\]/],
  ['minSize above maxSize', () => pool({ minSize: 5, maxSize: 2 }), /minSize 5 is greater than maxSize 2; use minSize ≤ maxSize/],
  ['a disk too small', () => pool({ diskSizeGib: 5 }), /diskSizeGib 5 must be a whole number of GiB between 20 and 16384/],
  ['a NaN disk size', () => pool({ diskSizeGib: NaN }), /diskSizeGib NaN must be a whole number of GiB between 20 and 16384/],
  ['a node label value with a space', () => pool({ labels: { team: 'a b' } }), /label 'team'='a b' is not a valid Kubernetes label/],
  ['a taint effect outside its enum', () => pool({ taints: [{ key: 'dedicated', effect: 'Sometimes' as any }] }), /taint 'dedicated' has effect 'Sometimes'; use TaintEffect\.NO_SCHEDULE/],
  ['an empty machine type', () => pool({ machineType: ' ' }), /nodePool 'fleet\/prod-us\/pool': machineType is empty; give a machine type such as 'm7i\.large'/],
  ['a Wasm shim that is not a label value', () => pool({ wasmShim: 'spin shim' }), /wasmShim 'spin shim' is not a valid shim name/],
  ['a GPU count the machine does not have', () => gpuPool({ accelerator: Accelerator.NVIDIA_H100, machineType: 'p5.48xlarge', gpusPerNode: 3 }),
    /gpuNodePool 'fleet\/prod-us\/gpu': count 3 is not offered by p5\.48xlarge \(8 GPUs\); use 8/],
  ['zero GPUs per node', () => gpuPool({ accelerator: Accelerator.NVIDIA_L4, gpusPerNode: 0 }), /gpusPerNode 0 must be a whole number ≥ 1/],
  ['a NaN GPU count', () => gpuPool({ accelerator: Accelerator.NVIDIA_L4, gpusPerNode: NaN }), /gpusPerNode NaN must be a whole number ≥ 1/],
  ['a GPU driver outside its enum', () => gpuPool({ accelerator: Accelerator.NVIDIA_L4, driver: 'nouveau' as any }), /gpuNodePool 'fleet\/prod-us\/gpu': driver 'nouveau' is not a GpuDriver; use GpuDriver\./],
  ['time slicing into one replica', () => gpuPool({ accelerator: Accelerator.NVIDIA_L4, sharing: GpuSharing.timeSlicing(1) }), /time-slicing replicas 1 must be a whole number from 2 to 48/],
  ['MIG on a GPU without MIG', () => gpuPool({ accelerator: Accelerator.NVIDIA_T4, sharing: GpuSharing.mig('1g.5gb') }), /MIG profile '1g\.5gb' asked for, but NVIDIA T4 has no MIG/],
  ['no accelerator', () => gpuPool({} as GpuNodePoolOptions), /gpuNodePool 'fleet\/prod-us\/gpu': accelerator is required \(e\.g\. Accelerator\.NVIDIA_L4\)/],
];

const GKE: BadInput[] = [
  ['a GKE region that does not exist', () => gke({ region: 'us-central9' }), /gkeCluster 'fleet\/ml-us': region 'us-central9' is not a Google Cloud region in the region catalog 2026\.11 \(did you mean 'us-central1'/],
  ['a GKE region missing its number', () => gke({ region: 'europe-west' }), /region 'europe-west' is not a Google Cloud region .*did you mean/],
  ['a GKE region number that was never opened', () => gke({ region: 'europe-west5' }), /region 'europe-west5' is not a Google Cloud region in the region catalog/],
  ['a GKE zone the region does not have', () => gke({ zone: 'us-central1-z' }), /gkeCluster 'fleet\/ml-us': zone entry 'us-central1-z' is not a zone of region 'us-central1'; zones of us-central1: 'us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f'/],
  ['a GKE node zone of another region', () => gke({ nodeZones: ['us-central1-a', 'us-east1-b'] }), /nodeZones entry 'us-east1-b' is not a zone of region 'us-central1'/],
  ['zone us-east1-a, which Google never opened', () => gke({ region: 'us-east1', zone: 'us-east1-a' }), /zone entry 'us-east1-a' is not a zone of region 'us-east1'; zones of us-east1: 'us-east1-b', 'us-east1-c', 'us-east1-d'/],
  ['a project id with capitals', () => gke({ project: 'Acme' }), /gkeCluster 'fleet\/ml-us': project 'Acme' is not a Google Cloud project id \(6-30 lowercase letters/],
  ['a release channel outside its enum', () => gke({ releaseChannel: 'FAST-ish' as any }), /releaseChannel 'FAST-ish' is not a ReleaseChannel; use ReleaseChannel\./],
  ['a control plane range that is not a /28', () => gke({ masterIpv4CidrBlock: '172.16.0.0/24' }), /masterIpv4CidrBlock '172\.16\.0\.0\/24' must be a \/28/],
  ['a GKE cluster name over 40 characters', () => gke({ clusterName: 'a'.repeat(41) }), /clusterName 'a{41}' is not a valid GKE cluster name: it is 41 characters long \(1 to 40 allowed\)/],
  ['a GPU GKE does not offer', () => gke().addGpuNodePool('a10', { accelerator: Accelerator.NVIDIA_A10G }), /gpuNodePool 'fleet\/ml-us\/a10': accelerator NVIDIA A10G is not offered on gcp; gcp offers: NVIDIA T4, NVIDIA L4/],
];

const AKS: BadInput[] = [
  ['an Azure location that does not exist', () => aks({ location: 'westeurope2' }), /aksCluster 'fleet\/ml-eu': location 'westeurope2' is not an Azure region in the region catalog 2026\.11 \(did you mean 'westeurope'/],
  ['an Azure location as shown in the portal', () => aks({ location: 'West Europe' }), /location 'West Europe' is not an Azure region .*did you mean 'westeurope'/],
  ['an AWS region on Azure', () => aks({ location: 'eu-west-1' }), /location 'eu-west-1' is not an Azure region in the region catalog/],
  ['a zone Azure does not have', () => aks({ zones: ['1', '4'] }), /aksCluster 'fleet\/ml-eu': zones entry '4' is not a zone of region 'westeurope'; zones of westeurope: '1', '2', '3'/],
  ['zones in a region without availability zones', () => aks({ location: 'westus', zones: ['1'] }), /zones entry '1' is not a zone of region 'westus'; zones of westus: none: westus has no availability zones \(leave zones empty\)/],
  ['an AKS system pool with 0 nodes', () => aks({ systemPool: { minSize: 0 } }), /aksCluster 'fleet\/ml-eu': systemPool\.minSize 0 must be at least 1; the system pool runs CoreDNS/],
  ['an AKS system pool with maxSize 0', () => aks({ systemPool: { minSize: 0, maxSize: 0 } }), /systemPool 'fleet\/ml-eu': maxSize 0 must be at least 1/],
  ['an AKS system pool with a NaN size', () => aks({ systemPool: { maxSize: NaN } }), /systemPool 'fleet\/ml-eu': maxSize NaN must be a whole number ≥ 0/],
  ['an AKS node pool name with a dash', () => aks().addNodePool('gpu-pool'), /id 'gpu-pool' is not a valid AKS node pool name/],
  ['an AKS cluster name starting with a dash', () => aks({ clusterName: '-ml' }), /clusterName '-ml' is not a valid AKS cluster name/],
  ['AKS nodes outside the address space', () => aks({ network: { addressSpace: '10.0.0.0/16', nodesCidr: '10.1.0.0/20' } }), /network\.nodesCidr '10\.1\.0\.0\/20' is not inside network\.addressSpace '10\.0\.0\.0\/16'/],
];

const FLEET_CLUSTERS: BadInput[] = [
  ['two EKS clusters with one cloud name in one region', synthTwo(fleet => {
    new EksCluster(fleet, 'a', { region: 'us-east-1', clusterName: 'prod' }).addNodePool('general');
    new EksCluster(fleet, 'b', { region: 'us-east-1', clusterName: 'prod' }).addNodePool('general');
  }), /clusters 'fleet\/a' and 'fleet\/b' both use clusterName 'prod' on aws in 'us-east-1'; .*give one of them another clusterName/],
  ['two GKE clusters with one name in one project and region', synthTwo(fleet => {
    new GkeCluster(fleet, 'a', { project: 'acme-ml-prod', region: 'us-central1', clusterName: 'ml' }).addNodePool('general');
    new GkeCluster(fleet, 'b', { project: 'acme-ml-prod', region: 'us-central1', clusterName: 'ml' }).addNodePool('general');
  }), /clusters 'fleet\/a' and 'fleet\/b' both use clusterName 'ml' on gcp in 'acme-ml-prod\/us-central1'/],
  ['two AKS clusters with one name in one location', synthTwo(fleet => {
    new AksCluster(fleet, 'a', { location: 'westeurope', clusterName: 'ml' }).addNodePool('general');
    new AksCluster(fleet, 'b', { location: 'westeurope', clusterName: 'ml' }).addNodePool('general');
  }), /clusters 'fleet\/a' and 'fleet\/b' both use clusterName 'ml' on azure in 'westeurope'/],
  ['two clusters with one construct id', () => {
    const fleet = new Fleet();
    new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    new EksCluster(fleet, 'prod', { region: 'us-west-2' });
  }, /eksCluster 'fleet\/prod': id 'prod' is already used under 'fleet'; ids must be unique among siblings/],
  ['an additional region without its cloud', () => new Fleet({ additionalRegions: ['ap-east-3'] }), /fleet 'fleet': additionalRegions\[0\] 'ap-east-3' is not '<cloud>:<region>' with cloud aws, gcp, azure/],
  ['an additional region of an unknown cloud', () => new Fleet({ additionalRegions: ['oracle:us-ashburn-1'] }), /additionalRegions\[0\] 'oracle:us-ashburn-1' is not '<cloud>:<region>'/],
];

describe('bad cluster input is rejected, naming the construct path, the value and what is accepted', () => {
  test.each(EKS)('EKS: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(POOLS)('node pools: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(GKE)('GKE: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(AKS)('AKS: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(FLEET_CLUSTERS)('fleet: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
});

describe('regions newer than the catalog', () => {
  test('are accepted with a warning when the fleet lists them, and their zones are checked by form', () => {
    const out = synthFleet(fleet => {
      new EksCluster(fleet, 'hk', { region: 'ap-east-9', vpc: { availabilityZones: ['ap-east-9a', 'ap-east-9b'] } }).addNodePool('general');
    }, { additionalRegions: ['aws:ap-east-9'] });
    expect(out.manifest.warnings).toEqual([expect.objectContaining({
      path: 'fleet/hk',
      message: expect.stringMatching(/region 'ap-east-9' is not in the region catalog 2026\.11 for aws; accepted because additionalRegions lists it/),
    })]);
    expect(out.resources('hk', 'aws_eks_cluster')).toHaveLength(1);
    const fleet = new Fleet({ additionalRegions: ['aws:ap-east-9'] });
    expect(() => new EksCluster(fleet, 'hk2', { region: 'ap-east-9', vpc: { availabilityZones: ['ap-east-9a', 'us-east-1b'] } }))
      .toThrow(/vpc\.availabilityZones entry 'us-east-1b' is not a zone of region 'ap-east-9'; zones of ap-east-9: a name matching/);
  });

  test('are still errors in a fleet that lists them for another cloud', () => {
    const fleet = new Fleet({ additionalRegions: ['gcp:ap-east-9'] });
    expect(() => new EksCluster(fleet, 'hk', { region: 'ap-east-9' })).toThrow(/region 'ap-east-9' is not an AWS region in the region catalog/);
  });
});
