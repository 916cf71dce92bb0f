import { Accelerator, EksCluster, EksNodeImage, EndpointAccess, GpuDriver, GpuSharing, NatGateways, TaintEffect } from '../../lib';
import { Synthesized, synthFleet } from '../support/synth';

describe('EksCluster', () => {
  let out: Synthesized;
  let cluster: any;
  let groups: any;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const definition = new EksCluster(fleet, 'prod-us', {
        region: 'us-east-1',
        admins: ['arn:aws:iam::111122223333:role/platform-admin'],
      });
      definition.addNodePool('general', {
        machineType: 'm7i.xlarge',
        minSize: 2,
        maxSize: 6,
        desiredSize: 3,
        labels: { tier: 'web' },
        taints: [{ key: 'dedicated', value: 'web', effect: TaintEffect.NO_EXECUTE }],
      });
      definition.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4, sharing: GpuSharing.timeSlicing(4), spot: true, minSize: 0 });
    });
    cluster = out.resources('prod-us', 'aws_eks_cluster')[0];
    groups = Object.fromEntries(out.resources('prod-us', 'aws_eks_node_group').map(g => [g.node_group_name, g]));
  });

  test('control plane: private endpoint, secrets encryption, every log type, API authentication', () => {
    expect(cluster).toMatchObject({
      name: 'prod-us',
      version: '1.34',
      vpc_config: { endpoint_private_access: true, endpoint_public_access: false },
      encryption_config: { resources: ['secrets'], provider: { key_arn: expect.stringMatching(/^\$\{aws_kms_key\.[^.]+\.arn\}$/) } },
      enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      kubernetes_network_config: { service_ipv4_cidr: '172.20.0.0/16' },
    });
    expect(cluster.vpc_config.public_access_cidrs).toBeUndefined();
    expect(out.resources('prod-us', 'aws_kms_key')[0]).toMatchObject({ enable_key_rotation: true });
    expect(out.resources('prod-us', 'aws_cloudwatch_log_group')[0]).toMatchObject({ name: '/aws/eks/prod-us/cluster', retention_in_days: 90 });
  });

  test('admins get access entries with the cluster admin policy', () => {
    expect(out.resources('prod-us', 'aws_eks_access_entry')).toEqual([expect.objectContaining({
      principal_arn: 'arn:aws:iam::111122223333:role/platform-admin', type: 'STANDARD',
    })]);
    expect(out.resources('prod-us', 'aws_eks_access_policy_association')).toEqual([expect.objectContaining({
      policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      access_scope: { type: 'cluster' },
    })]);
  });

  test('workload identity: IAM OIDC provider from the cluster issuer and the Pod Identity agent', () => {
    expect(out.resources('prod-us', 'aws_iam_openid_connect_provider')[0]).toMatchObject({
      url: '${aws_eks_cluster.cluster.identity[0].oidc[0].issuer}',
      client_id_list: ['sts.amazonaws.com'],
    });
    expect(out.resources('prod-us', 'aws_eks_addon').map(a => a.addon_name).sort()).toEqual(['coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
  });

  test('IAM roles carry only the AWS managed policies they need', () => {
    const attachments = out.resources('prod-us', 'aws_iam_role_policy_attachment').map(a => a.policy_arn.replace('arn:aws:iam::aws:policy/', '')).sort();
    expect(attachments).toEqual(['AmazonEC2ContainerRegistryPullOnly', 'AmazonEKSClusterPolicy', 'AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy']);
    const trust = out.resources('prod-us', 'aws_iam_role').map(r => JSON.parse(r.assume_role_policy).Statement[0].Principal.Service).sort();
    expect(trust).toEqual(['ec2.amazonaws.com', 'eks.amazonaws.com']);
  });

  test('network: VPC over three zones with private and public subnets and a NAT gateway per zone', () => {
    const subnets = out.resources('prod-us', 'aws_subnet');
    expect(out.resources('prod-us', 'aws_vpc')[0]).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_hostnames: true });
    expect(subnets.filter(s => s.tags['kubernetes.io/role/internal-elb'] === '1').map(s => s.cidr_block))
      .toEqual(['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19']);
    expect(subnets.filter(s => s.tags['kubernetes.io/role/elb'] === '1')).toHaveLength(3);
    expect(out.resources('prod-us', 'aws_nat_gateway')).toHaveLength(3);
    expect(cluster.vpc_config.subnet_ids).toHaveLength(3);
  });

  test('general pool: machine type, scaling, on-demand, labels, taints, disk', () => {
    expect(groups.general).toMatchObject({
      instance_types: ['m7i.xlarge'],
      ami_type: 'AL2023_x86_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      scaling_config: { min_size: 2, max_size: 6, desired_size: 3 },
      labels: { 'tier': 'web', 'cdk-fleet.io/node-pool': 'general' },
      taint: [{ key: 'dedicated', value: 'web', effect: 'NO_EXECUTE' }],
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'] },
    });
  });

  test('node launch templates: IMDSv2 only with hop limit 1, encrypted gp3 root volume of the pool\'s size', () => {
    const templates = out.resources('prod-us', 'aws_launch_template');
    expect(templates).toHaveLength(Object.keys(groups).length);
    for (const t of templates) {
      expect(t.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
    }
    expect(groups.general.disk_size).toBeUndefined(); // not allowed beside a launch template
    expect(groups.general.launch_template).toEqual({
      id: expect.stringMatching(/aws_launch_template\.general_launch-template_.*\.id/),
      version: expect.stringMatching(/aws_launch_template\.general_launch-template_.*\.latest_version/),
    });
    const general = templates.find(t => t.name_prefix === 'prod-us-general-');
    expect(general.block_device_mappings).toEqual([{
      device_name: '/dev/xvda', ebs: { volume_size: 100, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' },
    }]);
  });

  test('GPU pool: NVIDIA AMI, catalog machine, GPU taint, selectable labels, sharing recorded', () => {
    expect(groups.l4).toMatchObject({
      instance_types: ['g6.xlarge'],
      ami_type: 'AL2023_x86_64_NVIDIA',
      capacity_type: 'SPOT',
      taint: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }],
      labels: {
        'cdk-fleet.io/accelerator': 'nvidia-l4',
        'cdk-fleet.io/gpu-count': '1',
        'cdk-fleet.io/gpu-memory-gib': '24',
        'cdk-fleet.io/gpu-sharing': 'time-slicing',
        'nvidia.com/device-plugin.config': 'time-slicing-4',
      },
    });
    expect(out.manifest.stacks['prod-us'].cluster.nodePools[1]).toMatchObject({
      name: 'l4', gpu: { accelerator: 'nvidia-l4', gpusPerNode: 1, sharing: 'time-slicing', devicePluginConfig: 'time-slicing-4' },
    });
  });

  test('outputs: endpoint, CA data, cluster name, OIDC issuer and a kubeconfig', () => {
    const outputs = out.stack('prod-us').output;
    expect(outputs.endpoint.value).toBe('${aws_eks_cluster.cluster.endpoint}');
    expect(outputs.certificate_authority_data.value).toBe('${aws_eks_cluster.cluster.certificate_authority[0].data}');
    expect(outputs.cluster_name.value).toBe('${aws_eks_cluster.cluster.name}');
    expect(outputs.oidc_issuer_url.value).toBe('${aws_eks_cluster.cluster.identity[0].oidc[0].issuer}');
    expect(outputs.kubeconfig.value).toContain('server: ${aws_eks_cluster.cluster.endpoint}');
    expect(outputs.kubeconfig.value).toContain('args: [eks, get-token, --cluster-name, prod-us, --region, us-east-1]');
  });
});

describe('EksCluster options', () => {
  test('public endpoint with an allow-list, existing VPC, Bottlerocket, explicit KMS key', () => {
    const out = synthFleet(fleet => {
      const cluster = new EksCluster(fleet, 'edge', {
        region: 'eu-west-1',
        endpointAccess: EndpointAccess.publicAndPrivate(['203.0.113.0/24']),
        existingVpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'] },
        nodeImage: EksNodeImage.BOTTLEROCKET,
        secretsKmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abcd',
      });
      cluster.addNodePool('arm', { machineType: 'm7g.large' });
      cluster.addGpuNodePool('h100', { accelerator: Accelerator.NVIDIA_H100, gpusPerNode: 8 });
      cluster.addGpuNodePool('byo-driver', { accelerator: Accelerator.NVIDIA_A10G, driver: GpuDriver.GPU_OPERATOR });
    });
    const cluster = out.resources('edge', 'aws_eks_cluster')[0];
    expect(cluster.vpc_config).toEqual({
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ['203.0.113.0/24'],
      subnet_ids: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
    });
    expect(cluster.encryption_config.provider.key_arn).toBe('arn:aws:kms:eu-west-1:111122223333:key/abcd');
    expect(out.resources('edge', 'aws_vpc')).toEqual([]);
    expect(out.resources('edge', 'aws_kms_key')).toEqual([]);
    const groups = Object.fromEntries(out.resources('edge', 'aws_eks_node_group').map(g => [g.node_group_name, g]));
    expect(groups.arm.ami_type).toBe('BOTTLEROCKET_ARM_64');
    expect(groups.h100).toMatchObject({ ami_type: 'BOTTLEROCKET_x86_64_NVIDIA', instance_types: ['p5.48xlarge'] });
    expect(groups['byo-driver']).toMatchObject({ ami_type: 'BOTTLEROCKET_x86_64', instance_types: ['g5.xlarge'] });
    expect(groups['byo-driver'].taint).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }]);
  });

  test('a single NAT gateway and explicit zones', () => {
    const out = synthFleet(fleet => new EksCluster(fleet, 'dev', {
      region: 'us-west-2',
      vpc: { cidr: '10.42.0.0/16', availabilityZones: ['us-west-2a', 'us-west-2b'], natGateways: NatGateways.SINGLE },
    }).addNodePool('general'));
    expect(out.resources('dev', 'aws_nat_gateway')).toHaveLength(1);
    expect(out.resources('dev', 'aws_subnet').map(s => s.availability_zone).sort()).toEqual(['us-west-2a', 'us-west-2a', 'us-west-2b', 'us-west-2b']);
    expect(out.stack('dev').data).toBeUndefined();
  });

  test('MIG sharing labels the pool for the MIG manager', () => {
    const out = synthFleet(fleet => new EksCluster(fleet, 'ml', { region: 'us-east-1' })
      .addGpuNodePool('a100', { accelerator: Accelerator.NVIDIA_A100_80GB, sharing: GpuSharing.mig('1g.10gb') }));
    const group = out.resources('ml', 'aws_eks_node_group')[0];
    expect(group.instance_types).toEqual(['p4de.24xlarge']);
    expect(group.labels).toMatchObject({ 'nvidia.com/mig.config': 'all-1g.10gb', 'cdk-fleet.io/gpu-count': '8', 'cdk-fleet.io/gpu-sharing': 'mig' });
  });
});
