import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  Accelerator, AgentService, AksCluster, EksCluster, Fleet, GkeCluster, GpuSharing, InferenceService, WasmWorkload, Workload,
} from '../../lib';
import { Synthesized, synthFleet, tempDir } from '../support/synth';

// Issue 12 ("works when applied"): one test per defect listed in the issue, each asserting the
// fixed output (so it fails on the output the issue measured).

const small = { image: 'ghcr.io/acme/app:1.0.0', resources: { cpu: '250m', memory: '256Mi' } };
const SERVICE_BUS = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acme/providers/Microsoft.ServiceBus/namespaces/acme';
const docs = (out: Synthesized, file: string): any[] => parseAllDocuments(fs.readFileSync(path.join(out.outdir, 'kubernetes', file), 'utf8')).map(d => d.toJS());
const values = (release: any) => JSON.parse(release.values[0]);
const failing = (build: (fleet: Fleet) => void) => () => {
  const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
  build(fleet);
  fleet.synth();
};

describe('issue 12 defects: each emitted feature arrives with its prerequisite', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { karpenter: true } });
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      for (const c of [eks, gke, aks]) c.addNodePool('general');
      gke.addGpuNodePool('a100', { accelerator: Accelerator.NVIDIA_A100_80GB, gpusPerNode: 1, sharing: GpuSharing.mig('1g.10gb'), minSize: 0 });
      gke.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4, minSize: 0 });
      aks.addNodePool('spot', { spot: true, minSize: 0 });
      const all = [eks, gke, aks];
      new Workload(fleet, 'web', { ...small, placement: all, route: { gateway: 'public' }, autoscaling: { minReplicas: 2, maxReplicas: 4 } });
      new Workload(fleet, 'api', { ...small, placement: all, allowFrom: ['web'] });
      new AgentService(fleet, 'agent-aws', {
        ...small,
        placement: [eks],
        stateGib: 5,
        eventScaling: { maxReplicas: 3, triggers: [{ type: 'aws-sqs-queue', metadata: { queueURL: 'https://sqs.us-east-1.amazonaws.com/111122223333/jobs', queueLength: '5', awsRegion: 'us-east-1' } }] },
      });
      new AgentService(fleet, 'agent-azure', {
        ...small,
        placement: [aks],
        eventScaling: { maxReplicas: 3, triggers: [{ type: 'azure-servicebus', metadata: { queueName: 'jobs', namespace: 'acme', messageCount: '5' }, cloudResourceId: SERVICE_BUS }] },
      });
      new InferenceService(fleet, 'mig', { ...small, placement: [gke], gpu: { accelerator: Accelerator.NVIDIA_A100_80GB, migProfile: '1g.10gb' } });
      new InferenceService(fleet, 'llm', { ...small, placement: [gke], gpu: { accelerator: Accelerator.NVIDIA_L4 } });
    }, { telemetry: { otlpEndpoint: 'http://otel-collector.observability:4317', exportEndpoint: 'https://otlp.example.com:4317' } });
  });

  test('EKS: default-deny NetworkPolicies are enforced (vpc-cni runs its network policy agent)', () => {
    const cni = out.resources('aws', 'aws_eks_addon').find(a => a.addon_name === 'vpc-cni');
    expect(JSON.parse(cni.configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    expect(docs(out, 'aws/web.yaml').find(o => o.kind === 'NetworkPolicy').spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('EKS: stateGib claims bind (EBS CSI driver add-on and a default StorageClass the claims use)', () => {
    expect(out.resources('aws', 'aws_eks_addon').map(a => a.addon_name)).toContain('aws-ebs-csi-driver');
    const storageClass = docs(out, 'aws/cluster-objects.yaml').find(o => o.kind === 'StorageClass');
    expect(storageClass).toMatchObject({ provisioner: 'ebs.csi.aws.com', metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } });
    const sts = docs(out, 'aws/agent-aws.yaml').find(o => o.kind === 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe(storageClass.metadata.name);
  });

  test('EKS: Karpenter may RunInstances in the subnets, whose cluster tag value its condition accepts', () => {
    const policy = out.resources('aws-addons', 'aws_iam_role_policy').find(p => p.name === 'aws-karpenter');
    const launch = JSON.parse(policy.policy).Statement.find((st: any) => st.Action.includes('ec2:RunInstances'));
    const accepted = launch.Condition.StringEqualsIfExists['aws:ResourceTag/kubernetes.io/cluster/aws'];
    const tags = out.resources('aws', 'aws_subnet').map(s => s.tags['kubernetes.io/cluster/aws']);
    expect(tags.length).toBeGreaterThan(0);
    for (const value of tags) expect(accepted).toContain(value);
  });

  test('GKE: no GPU Operator beside GKE\'s own driver and device plugin', () => {
    const pool = out.resources('gcp', 'google_container_node_pool').find(p => p.name === 'l4');
    expect(pool.node_config.guest_accelerator[0].gpu_driver_installation_config).toEqual({ gpu_driver_version: 'LATEST' });
    expect(out.resources('gcp-addons', 'helm_release').map(r => r.name)).not.toContain('gpu-operator');
    expect(out.manifest.stacks.gcp.cluster.capabilities['gpu-device-plugin']).toMatch(/GKE-managed NVIDIA driver and device plugin/);
  });

  test('GKE: the GPU Operator (whose namespace lacks the system-node-critical ResourceQuota) is refused when forced on', () => {
    expect(failing(fleet => {
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1', addons: { gpuOperator: true } });
      gke.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
    })).toThrow(/addons\.gpuOperator is on, but on GKE the NVIDIA GPU Operator must not run beside GKE's own driver/);
  });

  test('GKE: MIG workloads request nvidia.com/gpu on nodes of their partition size, not nvidia.com/mig-*', () => {
    const pod = docs(out, 'gcp/mig.yaml').find(o => o.kind === 'Deployment').spec.template.spec;
    const limits = pod.containers[0].resources.limits;
    expect(limits['nvidia.com/gpu']).toBe('1');
    expect(Object.keys(limits).filter(k => k.startsWith('nvidia.com/mig-'))).toEqual([]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
      .toContainEqual({ key: 'cloud.google.com/gke-gpu-partition-size', operator: 'In', values: ['1g.10gb'] });
  });

  test('GKE: sandbox: true without a GKE Sandbox node pool fails synth naming Capability.SANDBOX_RUNTIME', () => {
    expect(failing(fleet => {
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      gke.addNodePool('general');
      new AgentService(fleet, 'agent', { ...small, placement: [gke], sandbox: true });
    })).toThrow(/workload 'fleet\/agent' \(sandbox \(runtimeClassName gvisor\)\) needs .*Capability\.SANDBOX_RUNTIME.* on cluster 'fleet\/gcp'/);
  });

  test('AKS: the identity that applies the add-ons stack is an Azure RBAC cluster admin (local accounts are off)', () => {
    expect(out.resources('azure', 'azurerm_kubernetes_cluster')[0].local_account_disabled).toBe(true);
    const admin = out.resources('azure', 'azurerm_role_assignment').find(r => r.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin');
    expect(admin).toMatchObject({ scope: '${azurerm_kubernetes_cluster.cluster.id}', principal_id: '${data.azurerm_client_config.deployer.object_id}' });
  });

  test('AKS: spot pools declare the scalesetpriority=spot label AKS sets (no perpetual diff)', () => {
    const spot = out.resources('azure', 'azurerm_kubernetes_cluster_node_pool').find(p => p.name === 'spot');
    expect(spot.node_labels['kubernetes.azure.com/scalesetpriority']).toBe('spot');
  });

  test('AKS: Container Insights has a data collection rule associated with the cluster', () => {
    expect(out.resources('azure', 'azurerm_monitor_data_collection_rule')[0].data_flow).toEqual([{ streams: ['Microsoft-ContainerInsights-Group-Default'], destinations: ['ciworkspace'] }]);
    expect(out.resources('azure', 'azurerm_monitor_data_collection_rule_association')[0].target_resource_id).toBe('${azurerm_kubernetes_cluster.cluster.id}');
  });

  test('AKS: the control-plane identity is Network Contributor on the nodes\' subnet', () => {
    const network = out.resources('azure', 'azurerm_role_assignment').find(r => r.role_definition_name === 'Network Contributor');
    expect(network.scope).toMatch(/^\$\{azurerm_subnet\.network_nodes_[0-9A-F]+\.id\}$/);
    expect(network.principal_id).toMatch(/control-plane-identity/);
  });

  test('everywhere: a route\'s HTTPRoute attaches to a Gateway of the output, served by CRDs and a controller with a GatewayClass', () => {
    for (const cluster of ['aws', 'gcp', 'azure']) {
      const route = docs(out, `${cluster}/web.yaml`).find(o => o.kind === 'HTTPRoute');
      const gateway = docs(out, `${cluster}/gateways.yaml`).find(o => o.kind === 'Gateway' && o.metadata.name === route.spec.parentRefs[0].name);
      expect(gateway.metadata.namespace).toBe(route.spec.parentRefs[0].namespace);
      expect(out.manifest.stacks[cluster].cluster.capabilities['gateway-api']).toEqual(expect.any(String));
    }
    expect(out.resources('aws-addons', 'helm_release').find(r => r.name === 'eg')).toMatchObject({ chart: 'gateway-helm' });
    expect(docs(out, 'azure/gateways.yaml').find(o => o.kind === 'GatewayClass').metadata.name).toBe('envoy-gateway');
    expect(out.resources('gcp', 'google_container_cluster')[0].gateway_api_config).toEqual({ channel: 'CHANNEL_STANDARD' });
  });

  test('everywhere: a Wasm RuntimeClass without a shim installer fails synth naming Capability.WASM_SHIM', () => {
    expect(failing(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addNodePool('wasm', { wasmShim: 'spin' });
      new WasmWorkload(fleet, 'hello', { ...small, placement: [aks] });
    })).toThrow(/workload 'fleet\/hello'.*Capability\.WASM_SHIM.*cluster 'fleet\/azure'/);
  });

  test('everywhere: cloud KEDA triggers have a TriggerAuthentication and the operator a cloud identity', () => {
    const aws = Object.fromEntries(docs(out, 'aws/agent-aws.yaml').map(o => [o.kind, o]));
    expect(aws.TriggerAuthentication.spec).toEqual({ podIdentity: { provider: 'aws' } });
    expect(aws.ScaledObject.spec.triggers[0].authenticationRef).toEqual({ name: 'agent-aws' });
    expect(out.resources('aws-addons', 'aws_eks_pod_identity_association').map(a => a.service_account)).toContain('keda-operator');
    expect(docs(out, 'azure/agent-azure.yaml').find(o => o.kind === 'TriggerAuthentication').spec).toEqual({ podIdentity: { provider: 'azure-workload' } });
    expect(out.resources('azure-addons', 'azurerm_role_assignment').map(r => [r.role_definition_name, r.scope])).toEqual([['Azure Service Bus Data Owner', SERVICE_BUS]]);
  });

  test('everywhere: the OTel collector exports every pipeline to the configured backend, not only to debug', () => {
    const otel = out.resources('aws-addons', 'helm_release').find(r => r.name === 'otel-collector');
    const config = values(otel).config;
    expect(config.exporters).toEqual({ otlp: { endpoint: 'https://otlp.example.com:4317' } });
    for (const pipeline of ['traces', 'metrics', 'logs']) expect(config.service.pipelines[pipeline].exporters).toEqual(['otlp']);
  });

  test('everywhere: allowFrom opens the callee\'s ingress and the caller\'s default-deny egress', () => {
    const api = docs(out, 'gcp/api.yaml').find(o => o.kind === 'NetworkPolicy');
    expect(api.spec.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }], ports: [{ port: 8080, protocol: 'TCP' }] });
    const web = docs(out, 'gcp/web.yaml').find(o => o.kind === 'NetworkPolicy');
    expect(web.spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } }], ports: [{ port: 8080, protocol: 'TCP' }] });
  });

  test('everywhere: a StatefulSet\'s serviceName is a headless Service selecting its pods', () => {
    const objects = docs(out, 'aws/agent-aws.yaml');
    const sts = objects.find(o => o.kind === 'StatefulSet');
    const headless = objects.find(o => o.kind === 'Service' && o.metadata.name === sts.spec.serviceName);
    expect(headless.spec).toMatchObject({ clusterIP: 'None', selector: sts.spec.selector.matchLabels });
  });

  test('everywhere: an InferenceService whose CPU or memory exceeds every fitting GPU machine fails synth', () => {
    expect(failing(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      eks.addNodePool('general', { machineType: 'm7i.4xlarge' });
      eks.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
      new InferenceService(fleet, 'llm', { image: 'ghcr.io/acme/llm:1.0.0', placement: [eks], resources: { cpu: '8', memory: '16Gi' }, gpu: { accelerator: Accelerator.NVIDIA_L4 } });
    })).toThrow(/workload 'fleet\/llm' on cluster 'aws': one replica requests 8 CPU .* pools considered: l4 \(g6\.xlarge/);
  });
});
