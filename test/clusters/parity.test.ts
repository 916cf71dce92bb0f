import { Accelerator, AksCluster, ClusterNetworking, EksCluster, Fleet, GkeCluster, GpuNodePoolOptions, ICluster, KubernetesVersion, NodePoolOptions, TaintEffect } from '../../lib';
import { Synthesized, synthFleet } from '../support/synth';

/** One cloud-neutral fleet definition, built on each cloud by changing only the class. */
const shared = { kubernetesVersion: KubernetesVersion.V1_33, networking: ClusterNetworking.cilium(), tags: { tier: 'gold' } };
const general: NodePoolOptions = {
  minSize: 2,
  maxSize: 6,
  spot: true,
  labels: { workload: 'general' },
  taints: [{ key: 'dedicated', value: 'general', effect: TaintEffect.NO_SCHEDULE }],
};
const gpu: GpuNodePoolOptions = { accelerator: Accelerator.NVIDIA_H100, gpusPerNode: 1, minSize: 0, maxSize: 2 };

function build(fleet: Fleet): void {
  const clusters: ICluster[] = [
    new EksCluster(fleet, 'aws', { ...shared, region: 'us-east-1' }),
    new GkeCluster(fleet, 'gcp', { ...shared, project: 'acme-parity', region: 'us-central1' }),
    new AksCluster(fleet, 'azure', { ...shared, location: 'westeurope' }),
  ];
  for (const cluster of clusters) {
    cluster.addNodePool('general', general);
    cluster.addGpuNodePool('gpu', gpu);
  }
}

type Cloud = 'aws' | 'gcp' | 'azure';
/** The resource each row reads, per cloud: the cluster or one of the two pools. */
const RESOURCE: Record<Cloud, { cluster: string; pool: string; poolConfig: (p: any) => any }> = {
  aws: { cluster: 'aws_eks_cluster', pool: 'aws_eks_node_group', poolConfig: p => p },
  gcp: { cluster: 'google_container_cluster', pool: 'google_container_node_pool', poolConfig: p => ({ ...p, ...p.node_config }) },
  azure: { cluster: 'azurerm_kubernetes_cluster', pool: 'azurerm_kubernetes_cluster_node_pool', poolConfig: p => p },
};

interface View { cluster: any; general: any; gpu: any; out: Synthesized; stack: string }
type Check = [read: (v: View) => unknown, expected: unknown];

/** One row per cloud-neutral setting: what each cloud's resources must say. */
const TABLE: Array<[setting: string, checks: Record<Cloud, Check>]> = [
  ['kubernetes version', {
    aws: [v => v.cluster.version, '1.33'],
    gcp: [v => v.cluster.min_master_version, '1.33'],
    azure: [v => v.cluster.kubernetes_version, '1.33'],
  }],
  ['autoscaling bounds', {
    aws: [v => [v.general.scaling_config.min_size, v.general.scaling_config.max_size], [2, 6]],
    gcp: [v => [v.general.autoscaling.total_min_node_count, v.general.autoscaling.total_max_node_count], [2, 6]],
    azure: [v => [v.general.min_count, v.general.max_count], [2, 6]],
  }],
  ['spot capacity', {
    aws: [v => v.general.capacity_type, 'SPOT'],
    gcp: [v => v.general.spot, true],
    azure: [v => [v.general.priority, v.general.eviction_policy], ['Spot', 'Delete']],
  }],
  ['node labels', {
    aws: [v => v.general.labels.workload, 'general'],
    gcp: [v => v.general.labels.workload, 'general'],
    azure: [v => v.general.node_labels.workload, 'general'],
  }],
  ['taints in the cloud\'s spelling', {
    aws: [v => v.general.taint, [{ key: 'dedicated', value: 'general', effect: 'NO_SCHEDULE' }]],
    gcp: [v => v.general.taint, [{ key: 'dedicated', value: 'general', effect: 'NO_SCHEDULE' }]],
    azure: [v => v.general.node_taints, ['dedicated=general:NoSchedule', 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule']],
  }],
  ['GPU machine for 1 x H100', {
    aws: [v => v.gpu.instance_types, ['p5.4xlarge']],
    gcp: [v => [v.gpu.machine_type, v.gpu.guest_accelerator[0].type, v.gpu.guest_accelerator[0].count], ['a3-highgpu-1g', 'nvidia-h100-80gb', 1]],
    azure: [v => v.gpu.vm_size, 'Standard_NC40ads_H100_v5'],
  }],
  ['GPU driver installed by the cloud', {
    aws: [v => v.gpu.ami_type, 'AL2023_x86_64_NVIDIA'],
    gcp: [v => v.gpu.guest_accelerator[0].gpu_driver_installation_config.gpu_driver_version, 'LATEST'],
    azure: [v => v.gpu.gpu_driver, 'Install'],
  }],
  ['GPU taint', {
    aws: [v => v.gpu.taint, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }]],
    gcp: [v => v.gpu.taint, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }]],
    azure: [v => v.gpu.node_taints, ['nvidia.com/gpu=present:NoSchedule']],
  }],
  ['GPU selection labels', {
    aws: [v => v.gpu.labels['cdk-fleet.io/accelerator'], 'nvidia-h100-80gb'],
    gcp: [v => v.gpu.labels['cdk-fleet.io/accelerator'], 'nvidia-h100-80gb'],
    azure: [v => v.gpu.node_labels['cdk-fleet.io/accelerator'], 'nvidia-h100-80gb'],
  }],
  ['private API endpoint', {
    aws: [v => [v.cluster.vpc_config.endpoint_private_access, v.cluster.vpc_config.endpoint_public_access], [true, false]],
    gcp: [v => [v.cluster.private_cluster_config.enable_private_nodes, v.cluster.private_cluster_config.enable_private_endpoint], [true, true]],
    azure: [v => v.cluster.private_cluster_enabled, true],
  }],
  ['secrets encryption with a cloud KMS key', {
    aws: [v => v.cluster.encryption_config.resources, ['secrets']],
    gcp: [v => v.cluster.database_encryption.state, 'ENCRYPTED'],
    azure: [v => typeof v.cluster.key_management_service.key_vault_key_id, 'string'],
  }],
  ['workload identity', {
    aws: [v => [v.out.resources(v.stack, 'aws_iam_openid_connect_provider').length,
      v.out.resources(v.stack, 'aws_eks_addon').filter(a => a.addon_name === 'eks-pod-identity-agent').length], [1, 1]],
    gcp: [v => v.cluster.workload_identity_config.workload_pool, 'acme-parity.svc.id.goog'],
    azure: [v => [v.cluster.oidc_issuer_enabled, v.cluster.workload_identity_enabled], [true, true]],
  }],
  ['audit logging', {
    aws: [v => v.cluster.enabled_cluster_log_types.includes('audit'), true],
    gcp: [v => v.cluster.logging_config.enable_components.includes('APISERVER'), true],
    azure: [v => v.out.resources(v.stack, 'azurerm_monitor_diagnostic_setting')[0].enabled_log[0].category, 'kube-audit-admin'],
  }],
  ['Cilium dataplane', {
    aws: [v => v.out.manifest.stacks[v.stack].cluster.dataplane, 'cilium'],
    gcp: [v => v.cluster.datapath_provider, 'ADVANCED_DATAPATH'],
    azure: [v => [v.cluster.network_profile.network_data_plane, v.cluster.network_profile.network_policy], ['cilium', 'cilium']],
  }],
  ['tags / labels on the cluster', {
    aws: [v => v.cluster.tags.tier, 'gold'],
    gcp: [v => v.cluster.resource_labels.tier, 'gold'],
    azure: [v => v.cluster.tags.tier, 'gold'],
  }],
];

describe('the same fleet definition on EKS, GKE and AKS', () => {
  let out: Synthesized;
  let views: Record<Cloud, View>;
  beforeAll(() => {
    out = synthFleet(build);
    views = Object.fromEntries((['aws', 'gcp', 'azure'] as Cloud[]).map(cloud => {
      const r = RESOURCE[cloud];
      const pools = out.resources(cloud, r.pool).map(r.poolConfig);
      const byName = (name: string) => pools.find(p => (p.node_group_name ?? p.name) === name);
      return [cloud, { cluster: out.resources(cloud, r.cluster)[0], general: byName('general'), gpu: byName('gpu'), out, stack: cloud }];
    })) as Record<Cloud, View>;
  });

  test('gives three cluster stacks, one per cloud; EKS and AKS get an add-ons stack for the GPU operator (GKE brings its own device plugin)', () => {
    const clusterStacks = Object.entries<any>(out.manifest.stacks).filter(([, s]) => s.cluster);
    expect(clusterStacks.map(([name]) => name).sort()).toEqual(['aws', 'azure', 'gcp']);
    expect(clusterStacks.map(([, s]) => s.cluster.cloud).sort()).toEqual(['aws', 'azure', 'gcp']);
    expect(Object.keys(out.manifest.stacks).filter(name => !out.manifest.stacks[name].cluster).sort()).toEqual(['aws-addons', 'azure-addons']);
  });

  describe.each(TABLE)('%s', (_setting, checks) => {
    test.each(Object.entries(checks))('%s', (cloud, [read, expected]) => {
      expect(read(views[cloud as Cloud])).toEqual(expected);
    });
  });
});
