import { Accelerator, Backend, EksCluster, EksClusterProps, EndpointAccess, Fleet, GpuNodePoolOptions, GpuSharing, KubernetesVersion, NodePoolOptions } from '../../lib';
import { FleetValidationError } from '../../lib/core/errors';

function cluster(props: Partial<EksClusterProps> = {}, id = 'prod-us'): EksCluster {
  return new EksCluster(new Fleet(), id, { region: 'us-east-1', ...props });
}

function pool(options: NodePoolOptions): void {
  cluster().addNodePool('pool', options);
}

function gpuPool(options: GpuNodePoolOptions): void {
  cluster().addGpuNodePool('gpu', options);
}

describe('bad input gets a clear error naming the construct, the value and what is allowed', () => {
  test.each([
    ['prod us', /eksCluster 'fleet\/prod-us': clusterName 'prod us' is not a valid EKS cluster name: it must start with a letter or digit and contain only letters, digits, '-' and '_'/],
    ['-prod', /clusterName '-prod' is not a valid EKS cluster name/],
    ['x'.repeat(101), /it is 101 characters long \(1 to 100 allowed\)/],
  ])('invalid cluster name %s', (clusterName, message) => {
    expect(() => cluster({ clusterName })).toThrow(message);
  });

  test('a cluster id that cannot be a cluster name', () => {
    expect(() => cluster({}, 'prod/us')).toThrow(/clusterName 'prod\/us' is not a valid EKS cluster name/);
  });

  test.each([
    ['1.20', /kubernetesVersion '1.20' is not offered by aws; supported: 1\.31, 1\.32, 1\.33, 1\.34, 1\.35/],
    ['1.99', /kubernetesVersion '1.99' is not offered by aws; supported: /],
    ['latest', /kubernetesVersion 'latest' is not a Kubernetes minor version; use the form 1.NN/],
    ['1.34.2', /kubernetesVersion '1.34.2' is not a Kubernetes minor version/],
  ])('unsupported Kubernetes version %s', (version, message) => {
    expect(() => cluster({ kubernetesVersion: KubernetesVersion.of(version) })).toThrow(message);
  });

  test.each<[NodePoolOptions, RegExp]>([
    [{ minSize: 5, maxSize: 2 }, /nodePool 'fleet\/prod-us\/pool': minSize 5 is greater than maxSize 2; use minSize ≤ maxSize/],
    [{ minSize: 1, maxSize: 3, desiredSize: 4 }, /desiredSize 4 is outside \[minSize, maxSize\] = \[1, 3\]/],
    [{ minSize: 2, maxSize: 3, desiredSize: 1 }, /desiredSize 1 is outside \[minSize, maxSize\] = \[2, 3\]/],
    [{ minSize: -1 }, /minSize -1 must be a whole number ≥ 0/],
    [{ maxSize: 2.5 }, /maxSize 2.5 must be a whole number ≥ 0/],
    [{ minSize: 0, maxSize: 0 }, /maxSize 0 must be at least 1/],
    [{ diskSizeGib: 5 }, /diskSizeGib 5 must be a whole number of GiB between 20 and 16384/],
    [{ labels: { 'bad key!': 'x' } }, /label 'bad key!'='x' is not a valid Kubernetes label/],
    [{ taints: [{ key: 'dedicated', value: 'a b', effect: 'NoSchedule' as any }] }, /taint key 'dedicated' \/ value 'a b' is not valid/],
    [{ taints: [{ key: 'dedicated', effect: 'Sometimes' as any }] }, /taint 'dedicated' has effect 'Sometimes'; use TaintEffect.NO_SCHEDULE, PREFER_NO_SCHEDULE or NO_EXECUTE/],
  ])('node pool sizes and metadata %#', (options, message) => {
    expect(() => pool(options)).toThrow(message);
  });

  test.each<[Partial<EksClusterProps>, RegExp]>([
    [{ vpc: { cidr: '10.0.0.0/33' } }, /vpc.cidr '10.0.0.0\/33' is not a valid IPv4 CIDR block: prefix \/33 is greater than \/32/],
    [{ vpc: { cidr: '10.0.0.1/16' } }, /vpc.cidr '10.0.0.1\/16' is not a valid IPv4 CIDR block: host bits are set \(the network address is 10.0.0.0\/16\)/],
    [{ vpc: { cidr: '10.0.0.0/8' } }, /vpc.cidr '10.0.0.0\/8' is a \/8; AWS VPCs are \/16 to \/28/],
    [{ vpc: { cidr: '172.20.0.0/16' } }, /serviceIpv4Cidr '172.20.0.0\/16' overlaps the VPC CIDR '172.20.0.0\/16'; choose a service range outside the VPC/],
    [{ serviceIpv4Cidr: '10.0.128.0/17' }, /serviceIpv4Cidr '10.0.128.0\/17' overlaps the VPC CIDR '10.0.0.0\/16'/],
    [{ serviceIpv4Cidr: 'ten/8' }, /serviceIpv4Cidr 'ten\/8' is not a valid IPv4 CIDR block/],
    [{ endpointAccess: EndpointAccess.publicAndPrivate(['198.51.100.7/24']) }, /endpointAccess allowed CIDR '198.51.100.7\/24' is not a valid IPv4 CIDR block: host bits are set/],
    [{ endpointAccess: EndpointAccess.publicAndPrivate([]) }, /needs at least one allowed CIDR/],
  ])('overlapping or malformed CIDRs %#', (props, message) => {
    expect(() => cluster(props)).toThrow(message);
  });

  test.each<[Partial<EksClusterProps>, RegExp]>([
    [{ region: 'mars-1' }, /region 'mars-1' is not an AWS region in the region catalog 2026.11 \(e.g. 'us-east-1'\)/],
    [{ vpc: { zoneCount: 1 } }, /vpc.zoneCount is 1 zone\(s\); use 2 to 6/],
    [{ vpc: { availabilityZones: ['us-east-1a', 'eu-west-1b'] } }, /vpc.availabilityZones entry 'eu-west-1b' is not a zone of region 'us-east-1'/],
    [{ existingVpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaaa'] } }, /existingVpc.subnetIds has 1 subnet\(s\); EKS needs subnets in at least two availability zones/],
    [{ existingVpc: { vpcId: 'my-vpc', subnetIds: [] } }, /existingVpc.vpcId 'my-vpc' is not a VPC id/],
    [{ admins: ['platform-admin'] }, /admins\[0\] 'platform-admin' is not an IAM role or user ARN/],
    [{ logRetentionDays: 10 }, /logRetentionDays 10 is not a CloudWatch retention; use one of 1, 3, 5, 7, 14, 30/],
    [{ tags: { Team: 'x' } }, /tag key 'Team' must start with a lowercase letter/],
  ])('other cluster settings %#', (props, message) => {
    expect(() => cluster(props)).toThrow(message);
  });

  test.each<[GpuNodePoolOptions, RegExp]>([
    [{ accelerator: Accelerator.NVIDIA_H100, machineType: 'p5.48xlarge', gpusPerNode: 3 },
      /gpuNodePool 'fleet\/prod-us\/gpu': count 3 is not offered by p5.48xlarge \(8 GPUs\); use 8 or choose another machine/],
    [{ accelerator: Accelerator.NVIDIA_L4, gpusPerNode: 2 },
      /count 2 is not offered for NVIDIA L4 on aws; machines offer 1, 4, 8 GPUs \(g6.xlarge: 1/],
    [{ accelerator: Accelerator.NVIDIA_L4, machineType: 'g5.xlarge' },
      /machineType 'g5.xlarge' carries NVIDIA A10G, not NVIDIA L4/],
    [{ accelerator: Accelerator.NVIDIA_H100, sharing: GpuSharing.mig('1g.5gb') },
      /MIG profile '1g.5gb' is not valid for NVIDIA H100 80GB; valid profiles: 1g.10gb, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb/],
    [{ accelerator: Accelerator.NVIDIA_T4, sharing: GpuSharing.mig('1g.5gb') },
      /MIG profile '1g.5gb' asked for, but NVIDIA T4 has no MIG/],
    [{ accelerator: Accelerator.NVIDIA_T4, sharing: GpuSharing.timeSlicing(1) },
      /time-slicing replicas 1 must be a whole number from 2 to 48/],
    [{ accelerator: Accelerator.NVIDIA_T4, gpusPerNode: 0 },
      /gpusPerNode 0 must be a whole number ≥ 1/],
  ])('GPU pools the catalog does not allow %#', (options, message) => {
    expect(() => gpuPool(options)).toThrow(message);
  });

  test('duplicate construct ids: clusters and node pools', () => {
    const fleet = new Fleet();
    const eks = new EksCluster(fleet, 'prod-us', { region: 'us-east-1' });
    expect(() => new EksCluster(fleet, 'prod-us', { region: 'us-west-2' }))
      .toThrow("eksCluster 'fleet/prod-us': id 'prod-us' is already used under 'fleet'; ids must be unique among siblings");
    eks.addNodePool('general');
    expect(() => eks.addNodePool('general')).toThrow("nodePool 'fleet/prod-us/general': id 'general' is already used under 'fleet/prod-us'");
    expect(() => eks.addGpuNodePool('general', { accelerator: Accelerator.NVIDIA_L4 })).toThrow(/gpuNodePool 'fleet\/prod-us\/general': id 'general' is already used/);
    expect(() => eks.addNodePool('bad name')).toThrow(/nodePool 'fleet\/prod-us\/bad name': id 'bad name' is not a valid EKS node pool name: it must start with a letter or digit/);
  });

  test('a rejected pool leaves nothing behind', () => {
    const eks = cluster();
    expect(() => eks.addNodePool('pool', { minSize: 4, maxSize: 1 })).toThrow(/minSize 4/);
    expect(eks.node.tryFindChild('pool')).toBeUndefined();
    expect(eks.nodePools).toEqual([]);
    eks.addNodePool('pool');
    expect(eks.nodePools.map(p => p.poolName)).toEqual(['pool']);
  });

  test('errors are FleetValidationErrors that carry the construct path', () => {
    let caught: unknown;
    try {
      cluster({ clusterName: 'no spaces allowed' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FleetValidationError);
    expect((caught as FleetValidationError).constructPath).toBe('fleet/prod-us');
  });

  test('a backend path that escapes the output directory', () => {
    expect(() => new Fleet({ backend: Backend.local({ directory: '../../etc' }) })).toThrow(/escapes the output directory/);
  });

  test('fleet tags use the rules every cloud accepts', () => {
    expect(() => new Fleet({ tags: { 'cost-center': 'CC 1234' } })).toThrow(/value 'CC 1234' of tag 'cost-center' must be at most 63 lowercase letters, digits/);
    expect(() => new Fleet({ name: 'My Fleet' })).toThrow(/name must be a DNS-1123 label/);
  });
});
