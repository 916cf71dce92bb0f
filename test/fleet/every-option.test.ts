import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  Accelerator, AgentService, AksCluster, Capability, ClusterNetworking, EksCluster, GkeCluster, GpuSharing, ICluster, InferenceService,
  WasmWorkload, Workload,
} from '../../lib';
import { ADDON_CHARTS } from '../../lib/addons/catalog';
import { Synthesized, synthFleet } from '../support/synth';

const small = { image: 'ghcr.io/acme/app:1.0.0', resources: { cpu: '250m', memory: '256Mi' } };
const QUEUE_TRIGGERS: Record<string, { type: string; metadata: Record<string, string>; cloudResourceId?: string }> = {
  aws: { type: 'aws-sqs-queue', metadata: { queueURL: 'https://sqs.us-east-1.amazonaws.com/111122223333/jobs', queueLength: '5', awsRegion: 'us-east-1' } },
  gcp: { type: 'gcp-pubsub', metadata: { subscriptionName: 'jobs', mode: 'SubscriptionSize', value: '5' } },
  azure: {
    type: 'azure-servicebus',
    metadata: { queueName: 'jobs', namespace: 'acme', messageCount: '5' },
    cloudResourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acme/providers/Microsoft.ServiceBus/namespaces/acme',
  },
};

/** What each emitted object needs from its cluster. */
function needs(object: any): Capability[] {
  const pod = object.spec?.template?.spec;
  const limits = pod?.containers?.[0]?.resources?.limits ?? {};
  return [
    ...(object.kind === 'NetworkPolicy' ? [Capability.NETWORK_POLICY] : []),
    ...(object.kind === 'HTTPRoute' ? [Capability.GATEWAY_API] : []),
    ...(object.kind === 'ScaledObject' || object.kind === 'TriggerAuthentication' ? [Capability.KEDA] : []),
    ...(object.kind === 'HorizontalPodAutoscaler' ? [Capability.METRICS] : []),
    ...((object.spec?.volumeClaimTemplates ?? []).length > 0 ? [Capability.BLOCK_STORAGE] : []),
    ...(Object.keys(limits).some(k => k.startsWith('nvidia.com/')) ? [Capability.GPU_DEVICE_PLUGIN] : []),
    ...(pod?.runtimeClassName === 'gvisor' ? [Capability.SANDBOX_RUNTIME] : []),
    ...(pod?.runtimeClassName === 'wasmtime-spin-v2' ? [Capability.WASM_SHIM] : []),
  ];
}

describe('a fleet that turns every option on, on all three clouds', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const clusters: ICluster[] = [
        new EksCluster(fleet, 'aws', {
          region: 'us-east-1',
          networking: ClusterNetworking.cilium(),
          addons: { karpenter: true },
          provides: [Capability.SANDBOX_RUNTIME, Capability.WASM_SHIM],
        }),
        new GkeCluster(fleet, 'gcp', {
          project: 'acme-prod',
          region: 'us-central1',
          networking: ClusterNetworking.cilium(),
          provides: [Capability.WASM_SHIM],
        }),
        new AksCluster(fleet, 'azure', {
          location: 'westeurope',
          networking: ClusterNetworking.cilium(),
          provides: [Capability.SANDBOX_RUNTIME, Capability.WASM_SHIM],
        }),
      ];
      for (const cluster of clusters) {
        cluster.addNodePool('general', { maxSize: 6 });
        cluster.addNodePool('wasm', { wasmShim: 'spin' });
        if (cluster instanceof GkeCluster) cluster.addSandboxNodePool('sandbox');
        cluster.addGpuNodePool('mig', { accelerator: Accelerator.NVIDIA_A100_80GB, sharing: GpuSharing.mig('1g.10gb'), minSize: 0 });
        cluster.addGpuNodePool('mps', { accelerator: Accelerator.NVIDIA_T4, sharing: GpuSharing.mps(4), minSize: 0 });
        cluster.addGpuNodePool('ts', { accelerator: Accelerator.NVIDIA_T4, sharing: GpuSharing.timeSlicing(2), minSize: 0, spot: true });
        const id = cluster.node.id;
        new Workload(fleet, `web-${id}`, { ...small, placement: [cluster], route: { gateway: 'public' }, autoscaling: { minReplicas: 2, maxReplicas: 5 } });
        new AgentService(fleet, `agent-${id}`, {
          ...small,
          placement: [cluster],
          stateGib: 5,
          sandbox: true,
          allowFrom: [`web-${id}`],
          eventScaling: { maxReplicas: 4, triggers: [QUEUE_TRIGGERS[id]] },
        });
        new WasmWorkload(fleet, `wasm-${id}`, { ...small, placement: [cluster] });
        new InferenceService(fleet, `mig-${id}`, { ...small, placement: [cluster], gpu: { accelerator: Accelerator.NVIDIA_A100_80GB, migProfile: '1g.10gb' } });
        new InferenceService(fleet, `shared-${id}`, { ...small, placement: [cluster], gpu: { accelerator: Accelerator.NVIDIA_T4, shared: true } });
      }
    }, { telemetry: { otlpEndpoint: 'http://otel-collector.observability:4317', exportEndpoint: 'https://otlp.example.com:4317' } });
  });

  test.each(['aws', 'gcp', 'azure'])('%s: every emitted object\'s prerequisite is provided in the same output', cluster => {
    const capabilities = out.manifest.stacks[cluster].cluster.capabilities;
    const releases = Object.keys(out.stack(`${cluster}-addons`).resource?.helm_release ?? {});
    const dir = path.join(out.outdir, 'kubernetes', cluster);
    const objects = fs.readdirSync(dir).filter(f => f !== 'kustomization.yaml')
      .flatMap(f => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJS()));
    const needed = new Set(objects.flatMap(needs));
    expect(needed.size).toBe(8); // every capability is exercised
    for (const capability of needed) {
      const source: string = capabilities[capability.name];
      expect({ capability: capability.name, source }).toEqual({ capability: capability.name, source: expect.any(String) });
      const addon = /^add-on (\w+) /.exec(source)?.[1] as keyof typeof ADDON_CHARTS | undefined;
      if (addon) expect(releases).toContain(ADDON_CHARTS[addon].release);
    }
    // The queue trigger authenticates with the KEDA operator's cloud identity.
    const provider = { aws: 'aws', gcp: 'gcp', azure: 'azure-workload' }[cluster];
    expect(objects.find(o => o.kind === 'TriggerAuthentication').spec).toEqual({ podIdentity: { provider } });
    expect(objects.find(o => o.kind === 'ScaledObject').spec.triggers[0].authenticationRef).toEqual({ name: `agent-${cluster}` });
    // Each route's Gateway is in the output (Envoy Gateway on EKS/AKS, GKE's own class on GKE).
    const route = objects.find(o => o.kind === 'HTTPRoute');
    expect(objects.filter(o => o.kind === 'Gateway').map(g => `${g.metadata.namespace}/${g.metadata.name}`))
      .toEqual([`${route.spec.parentRefs[0].namespace}/${route.spec.parentRefs[0].name}`]);
    if (capabilities['block-storage'].startsWith('Amazon EBS')) {
      expect(out.resources(cluster, 'aws_eks_addon').map(a => a.addon_name)).toContain('aws-ebs-csi-driver');
      expect(objects.some(o => o.kind === 'StorageClass' && o.provisioner === 'ebs.csi.aws.com')).toBe(true);
    }
  });
});
