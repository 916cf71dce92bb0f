import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  Accelerator, AgentService, AksCluster, Capability, ClusterNetworking, EksCluster, Fleet, GkeCluster, GpuDriver, GpuSharing, InferenceService,
  WasmWorkload, Workload,
} from '../../lib';
import { Synthesized, synthFleet, tempDir } from '../support/synth';

const small = { image: 'ghcr.io/acme/web:1.4.2', resources: { cpu: '250m', memory: '256Mi' } };
const docs = (outdir: string, file: string): any[] => parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS());
const bare = () => new Fleet({ outdir: path.join(tempDir(), 'out') });

describe('capabilities: what workloads need is provided in the same output', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      eks.addNodePool('general');
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      gke.addNodePool('general');
      gke.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addNodePool('general');
      new Workload(fleet, 'web', { ...small, placement: [eks, gke, aks], autoscaling: { minReplicas: 2, maxReplicas: 4 } });
      new Workload(fleet, 'shop', { ...small, placement: [gke], route: { gateway: 'public' } });
      new AgentService(fleet, 'agent', { ...small, placement: [eks, gke, aks], stateGib: 5 });
      new InferenceService(fleet, 'llm', { ...small, placement: [gke], gpu: { accelerator: Accelerator.NVIDIA_L4 } });
    });
  });

  test('EKS enforces NetworkPolicies: the managed vpc-cni add-on runs its network policy agent', () => {
    const addons = out.resources('aws', 'aws_eks_addon');
    const cni = addons.find(a => a.addon_name === 'vpc-cni');
    expect(cni).toMatchObject({ resolve_conflicts_on_create: 'OVERWRITE' });
    expect(JSON.parse(cni.configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    expect(addons.map(a => a.addon_name).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
    expect(out.manifest.stacks.aws.cluster.capabilities['network-policy']).toMatch(/vpc-cni add-on, enableNetworkPolicy/);
  });

  test('CoreDNS and the EBS CSI driver wait for the node groups (their Deployments need nodes)', () => {
    const stack = out.stack('aws');
    const coredns = Object.values<any>(stack.resource.aws_eks_addon).find(a => a.addon_name === 'coredns');
    const ebs = Object.values<any>(stack.resource.aws_eks_addon).find(a => a.addon_name === 'aws-ebs-csi-driver');
    for (const addon of [coredns, ebs]) expect(addon.depends_on).toContainEqual(expect.stringMatching(/aws_eks_node_group\.general_node-group_/));
  });

  test('EKS state volumes: EBS CSI driver with a Pod Identity role, and a default encrypted gp3 StorageClass', () => {
    const ebs = out.resources('aws', 'aws_eks_addon').find(a => a.addon_name === 'aws-ebs-csi-driver');
    expect(ebs.pod_identity_association).toEqual([{ role_arn: expect.stringMatching(/aws_iam_role\.ebs-csi-driver_role_.*\.arn/), service_account: 'ebs-csi-controller-sa' }]);
    const role = out.resources('aws', 'aws_iam_role').find(r => r.name === 'aws-ebs-csi');
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
    expect(out.resources('aws', 'aws_iam_role_policy_attachment').map(a => a.policy_arn))
      .toContain('arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy');
    const storageClass = docs(out.outdir, 'kubernetes/aws/cluster-objects.yaml').find(o => o.kind === 'StorageClass');
    expect(storageClass).toMatchObject({
      metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', encrypted: 'true' },
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    const sts = docs(out.outdir, 'kubernetes/aws/agent.yaml').find(o => o.kind === 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('gp3');
  });

  test('GKE and AKS bring block storage and metrics themselves: no StorageClass, no metrics-server', () => {
    for (const cluster of ['gcp', 'azure']) {
      expect(fs.existsSync(path.join(out.outdir, `kubernetes/${cluster}/cluster-objects.yaml`))).toBe(false);
      expect(out.manifest.stacks[cluster].cluster.capabilities).toMatchObject({ 'block-storage': expect.any(String), 'metrics': expect.stringMatching(/built in/) });
    }
    expect(Object.keys(out.stack('aws-addons').resource.helm_release)).toContain('metrics-server');
    expect(out.manifest.stacks.aws.cluster.capabilities.metrics).toMatch(/^add-on metricsServer \(metrics-server /);
  });

  test('GKE: a route turns on the Gateway API (Standard channel)', () => {
    expect(out.resources('gcp', 'google_container_cluster')[0].gateway_api_config).toEqual({ channel: 'CHANNEL_STANDARD' });
    expect(out.manifest.stacks.gcp.cluster.capabilities['gateway-api']).toMatch(/GKE Gateway controller/);
  });

  test('GKE: GPU pools use GKE\'s driver and device plugin, and no GPU Operator is installed beside them', () => {
    const pool = out.resources('gcp', 'google_container_node_pool').find(p => p.name === 'l4');
    expect(pool.node_config.guest_accelerator[0].gpu_driver_installation_config).toEqual({ gpu_driver_version: 'LATEST' });
    expect(out.manifest.stacks['gcp-addons']).toBeUndefined(); // nothing to install: no GPU Operator
    expect(Object.keys(out.stack('aws-addons').resource.helm_release)).not.toContain('gpu-operator');
    expect(out.manifest.stacks.gcp.cluster.capabilities['gpu-device-plugin']).toMatch(/GKE-managed NVIDIA driver and device plugin/);
  });
});

test('GKE MIG: the pool partitions with gpu_partition_size and pods request nvidia.com/gpu on nodes of that partition size', () => {
  const out = synthFleet(fleet => {
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
    gke.addGpuNodePool('a100', { accelerator: Accelerator.NVIDIA_A100_80GB, gpusPerNode: 1, sharing: GpuSharing.mig('1g.10gb') });
    new InferenceService(fleet, 'mig', { ...small, placement: [gke], gpu: { accelerator: Accelerator.NVIDIA_A100_80GB, migProfile: '1g.10gb' } });
  });
  const pool = out.resources('gcp', 'google_container_node_pool')[0];
  expect(pool.node_config.guest_accelerator[0].gpu_partition_size).toBe('1g.10gb');
  const pod = docs(out.outdir, 'kubernetes/gcp/mig.yaml').find(o => o.kind === 'Deployment').spec.template.spec;
  expect(pod.containers[0].resources.limits).toMatchObject({ 'nvidia.com/gpu': '1' });
  expect(Object.keys(pod.containers[0].resources.limits).filter(k => k.startsWith('nvidia.com/mig-'))).toEqual([]);
  expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
    .toContainEqual({ key: 'cloud.google.com/gke-gpu-partition-size', operator: 'In', values: ['1g.10gb'] });
});

describe('capabilities: a missing provider fails synth, naming the workload, cluster, capability and the way out', () => {
  test('route on EKS without a Gateway API implementation', () => {
    const fleet = bare();
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { envoyGateway: false } });
    eks.addNodePool('general');
    new Workload(fleet, 'web', { ...small, placement: [eks], route: { gateway: 'public' } });
    expect(() => fleet.synth()).toThrow(/workload 'fleet\/web' \(route \(HTTPRoute\)\) needs Gateway API .* \(Capability\.GATEWAY_API\) on cluster 'fleet\/aws', which does not provide it: .*provides: \[Capability\.GATEWAY_API\]/);
  });

  test('route on AKS with provides: [Capability.GATEWAY_API] synthesizes and records the declaration', () => {
    const out = synthFleet(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope', provides: [Capability.GATEWAY_API] });
      aks.addNodePool('general');
      new Workload(fleet, 'web', { ...small, placement: [aks], route: { gateway: 'public' } });
    });
    expect(out.manifest.stacks.azure.cluster.capabilities['gateway-api']).toBe('provides (installed outside the fleet)');
  });

  test('sandbox on GKE without a GKE Sandbox pool', () => {
    const fleet = bare();
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
    gke.addNodePool('general');
    new AgentService(fleet, 'agent', { ...small, placement: [gke], sandbox: true });
    expect(() => fleet.synth()).toThrow(/workload 'fleet\/agent' \(sandbox \(runtimeClassName gvisor\)\) needs a sandboxed container runtime .*Capability\.SANDBOX_RUNTIME.* on cluster 'fleet\/gcp'.*sandbox_config/);
  });

  test('Wasm without a shim installer', () => {
    const fleet = bare();
    const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
    aks.addNodePool('wasm', { wasmShim: 'spin' });
    new WasmWorkload(fleet, 'hello', { ...small, placement: [aks] });
    expect(() => fleet.synth()).toThrow(/workload 'fleet\/hello'.*Capability\.WASM_SHIM.*cluster 'fleet\/azure'.*runtime-class-manager or the KWasm operator/);
  });

  test('KEDA switched off while an agent scales on events', () => {
    const fleet = bare();
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1', addons: { keda: false } });
    gke.addNodePool('general');
    new AgentService(fleet, 'agent', { ...small, placement: [gke], eventScaling: { maxReplicas: 3, triggers: [{ type: 'redis', metadata: { listName: 'q' } }] } });
    expect(() => fleet.synth()).toThrow(/Capability\.KEDA\) on cluster 'fleet\/gcp', which does not provide it: addons\.keda is false/);
  });

  test('GKE GPU pools with operator-installed drivers have no device plugin; the operator is refused on GKE', () => {
    const fleet = bare();
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
    gke.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4, driver: GpuDriver.GPU_OPERATOR });
    new InferenceService(fleet, 'llm', { ...small, placement: [gke], gpu: { accelerator: Accelerator.NVIDIA_L4 } });
    expect(() => fleet.synth()).toThrow(/Capability\.GPU_DEVICE_PLUGIN\) on cluster 'fleet\/gcp'.*use GpuDriver\.CLOUD_MANAGED on GKE/);
    const forced = bare();
    const gke2 = new GkeCluster(forced, 'gcp', { project: 'acme-prod', region: 'us-central1', addons: { gpuOperator: true } });
    gke2.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
    expect(() => forced.synth()).toThrow(/addons\.gpuOperator is on, but on GKE the NVIDIA GPU Operator must not run beside GKE's own driver/);
  });

  test('EKS with Cilium: Cilium enforces, the VPC CNI policy agent stays off', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', networking: ClusterNetworking.cilium() });
      eks.addNodePool('general');
      new Workload(fleet, 'web', { ...small, placement: [eks] });
    });
    expect(out.resources('aws', 'aws_eks_addon').find(a => a.addon_name === 'vpc-cni').configuration_values).toBeUndefined();
    expect(out.manifest.stacks.aws.cluster.capabilities['network-policy']).toMatch(/Cilium/);
  });

  test('provides rejects something that is not a Capability', () => {
    const fleet = bare();
    expect(() => new EksCluster(fleet, 'aws', { region: 'us-east-1', provides: ['gateway-api' as any] }))
      .toThrow(/eksCluster 'fleet\/aws': provides 'gateway-api' is not a Capability; use e.g. Capability.GATEWAY_API/);
  });
});
