// One cluster per cloud, each with a general pool and an H100 pool, all built from
// the same props objects: moving a cluster between clouds means changing the class.
// Add-ons follow from what the workloads need (capabilities, see manifest.json): the GPU
// operator on EKS and AKS (GKE serves its H100 pools with its own driver and device plugin),
// the cluster-autoscaler on EKS, KEDA where the agent scales on events, and the
// OpenTelemetry collector the telemetry endpoint names (terraform/<cluster>-addons/).
// Run with `npm run example`; the output lands in cdk.out/.
import {
  Accelerator, AgentService, AksCluster, Capability, EksCluster, Fleet, GkeCluster, GpuNodePoolOptions, GpuSharing, ICluster,
  InferenceService, KubernetesVersion, NodePoolOptions, Team, WasmWorkload, Workload,
} from '../../lib';

const fleet = new Fleet({
  tags: { 'team': 'ml-platform', 'cost-center': 'cc-1234', 'environment': 'prod' },
  // Every workload exports OTLP here; each cluster's add-ons stack installs this collector,
  // which forwards to the team's backend.
  telemetry: { otlpEndpoint: 'http://otel-collector.observability:4317', exportEndpoint: 'https://otlp.acme.example:4317' },
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
  // The platform team installs the Spin shim on the EKS Wasm pool itself (e.g. with SpinKube's runtime-class-manager).
  new EksCluster(fleet, 'aws-us-east', { ...shared, region: 'us-east-1', labels: { geo: 'us' }, provides: [Capability.WASM_SHIM] }),
  new GkeCluster(fleet, 'gcp-us-central', { ...shared, project: 'acme-ml-prod', region: 'us-central1', labels: { geo: 'us' } }),
  new AksCluster(fleet, 'azure-westeurope', { ...shared, location: 'westeurope', labels: { geo: 'eu' } }),
];

for (const cluster of clusters) {
  cluster.addNodePool('general', general);
  cluster.addGpuNodePool('h100', h100);
}

// Every workload belongs to the ML platform team: it runs in the team's namespace
// `ml-platform` (Pod Security `restricted` enforced, pinned to v1.34), under its quota on
// each cluster, labelled team=ml-platform and cost-center=cc-1234 (kubernetes/<cluster>/team.ml-platform.yaml).
const ml = new Team(fleet, 'ml-platform', {
  costCenter: 'cc-1234',
  quota: { cpu: '48', memory: '256Gi', gpus: { 'nvidia.com/gpu': 4 }, storage: '500Gi', pods: 60 },
});

// An HTTP service on the US clusters (two clouds, selected by label), hardened by default
// (kubernetes/<cluster>/ml-platform.web.yaml).
new Workload(fleet, 'web', {
  team: ml,
  image: 'ghcr.io/acme/web:1.4.2',
  clusterSelector: { geo: 'us' },
  resources: { cpu: '250m', memory: '256Mi' },
  replicas: 3,
  allowTo: [{ cidr: '203.0.113.0/24', port: 443 }],
});

// A model server on the H100 pools of all three clouds: requests nvidia.com/gpu, tolerates
// the GPU taint and is pinned to nodes labelled with the accelerator by the pools.
new InferenceService(fleet, 'llm', {
  team: ml,
  image: 'ghcr.io/acme/llm-server:0.9.1',
  placement: clusters,
  resources: { cpu: '8', memory: '64Gi' },
  gpu: { accelerator: Accelerator.NVIDIA_H100, count: 1 },
  replicas: 2,
});

// A Spin (WebAssembly) app on EKS nodes that carry the Spin shim.
clusters[0].addNodePool('wasm', { minSize: 1, maxSize: 3, wasmShim: 'spin' });
new WasmWorkload(fleet, 'hello-wasm', {
  team: ml,
  image: 'ghcr.io/acme/hello-spin:0.3.0',
  placement: [clusters[0]],
  resources: { cpu: '100m', memory: '128Mi' },
});

// An AI agent on GKE: scales on queue depth with KEDA (down to zero), keeps state per
// replica, calls only its model API, and runs tools in GKE Sandbox (gVisor) on a sandbox pool.
(clusters[1] as GkeCluster).addSandboxNodePool('sandbox', { minSize: 1, maxSize: 4 });
new AgentService(fleet, 'support-agent', {
  team: ml,
  image: 'ghcr.io/acme/support-agent:1.0.3',
  placement: [clusters[1]],
  resources: { cpu: '500m', memory: '1Gi' },
  allowTo: [{ cidr: '192.0.2.0/24', port: 443 }],
  eventScaling: {
    maxReplicas: 20,
    triggers: [{ type: 'gcp-pubsub', metadata: { subscriptionName: 'tickets', mode: 'SubscriptionSize', value: '5' } }],
  },
  stateGib: 10,
  sandbox: true,
});

fleet.synth();
