import * as path from 'path';
import {
  Accelerator, AgentService, AksCluster, Backend, ClusterNetworking, EksCluster, Fleet, GkeCluster, GpuDriver, GpuSharing, Workload,
} from '../../lib';
import { ADDON_CATALOG_VERSION, ADDON_CHARTS } from '../../lib/addons/catalog';
import { readTree, synthFleet, tempDir, Synthesized } from '../support/synth';

const small = { image: 'ghcr.io/acme/web:1.4.2', resources: { cpu: '250m', memory: '256Mi' } };

function releases(out: ReturnType<typeof synthFleet>, stack: string): Record<string, any> {
  return out.stack(stack).resource?.helm_release ?? {};
}
const values = (release: any) => JSON.parse(release.values[0]);

describe('add-on stacks', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', networking: ClusterNetworking.cilium() });
      eks.addNodePool('general');
      eks.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4, sharing: GpuSharing.timeSlicing(4) });
      eks.addGpuNodePool('a100', { accelerator: Accelerator.NVIDIA_A100_80GB, sharing: GpuSharing.mig('1g.10gb'), driver: GpuDriver.GPU_OPERATOR });
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      gke.addNodePool('general');
      gke.addGpuNodePool('h100', { accelerator: Accelerator.NVIDIA_H100, gpusPerNode: 1 });
      new AksCluster(fleet, 'azure', { location: 'westeurope' });
      new Workload(fleet, 'web', { ...small, placement: [eks, gke], autoscaling: { minReplicas: 2, maxReplicas: 5 } });
      new AgentService(fleet, 'agent', {
        ...small, placement: [gke], eventScaling: { maxReplicas: 3, triggers: [{ type: 'redis', metadata: { listName: 'jobs' } }] },
      });
    }, { telemetry: { otlpEndpoint: 'http://collector.telemetry:4317', exportEndpoint: 'https://otlp.example.com:4317' } });
  });

  test('one <cluster>-addons stack per cluster, planned in the wave after its cluster', () => {
    expect(out.manifest.planOrder).toEqual([['aws', 'azure', 'gcp'], ['aws-addons', 'azure-addons', 'gcp-addons']]);
    expect(out.manifest.stacks['gcp-addons']).toMatchObject({ dependsOn: ['gcp'], planWave: 1, directory: 'terraform/gcp-addons' });
    expect(out.manifest.stacks['gcp-addons'].addons).toEqual({
      cluster: 'gcp',
      cloud: 'gcp',
      catalogVersion: ADDON_CATALOG_VERSION,
      releases: [
        { addon: 'keda', release: 'keda', chart: 'keda', version: ADDON_CHARTS.keda.version, repository: 'https://kedacore.github.io/charts' },
        {
          addon: 'openTelemetryCollector',
          release: 'otel-collector',
          chart: 'opentelemetry-collector',
          version: ADDON_CHARTS.openTelemetryCollector.version,
          repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
        },
      ],
    });
    const artifact = out.manifest.artifacts.find((a: any) => a.path === 'terraform/aws-addons/main.tf.json');
    expect(artifact).toMatchObject({ kind: 'terraform-stack', dependsOn: ['aws'], planWave: 1 });
  });

  test('installs only what each cluster needs, with pinned charts from the catalog', () => {
    expect(Object.keys(releases(out, 'aws-addons')).sort()).toEqual(['cilium', 'cluster-autoscaler', 'gpu-operator', 'metrics-server', 'otel-collector']);
    // GKE ships metrics-server, its own autoscaler and (NVIDIA's GKE recipe) its own GPU driver and
    // device plugin, so no GPU Operator; the agent's ScaledObject needs KEDA.
    expect(Object.keys(releases(out, 'gcp-addons')).sort()).toEqual(['keda', 'otel-collector']);
    expect(Object.keys(releases(out, 'azure-addons'))).toEqual(['otel-collector']);
    const gpu = releases(out, 'aws-addons')['gpu-operator'];
    expect(gpu).toMatchObject({
      chart: 'gpu-operator',
      repository: 'https://helm.ngc.nvidia.com/nvidia',
      version: ADDON_CHARTS.gpuOperator.version,
      namespace: 'gpu-operator',
      create_namespace: true,
      atomic: true,
    });
    expect(gpu.version).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  test('GPU operator values follow the pools: driver, sharing configs, MIG strategy, DCGM, GPU taint', () => {
    const v = values(releases(out, 'aws-addons')['gpu-operator']);
    expect(v.driver).toEqual({ enabled: true }); // the a100 pool asks the operator for its driver
    expect(v.toolkit).toEqual({ enabled: true });
    expect(v.mig).toEqual({ strategy: 'mixed' });
    expect(v.migManager).toEqual({ enabled: true });
    expect(v.dcgmExporter).toEqual({ enabled: true });
    expect(v.daemonsets.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(v.devicePlugin.config).toMatchObject({ create: true, default: 'default' });
    expect(Object.keys(v.devicePlugin.config.data)).toEqual(['default', 'time-slicing-4']);
    expect(v.devicePlugin.config.data['time-slicing-4']).toContain('timeSlicing:\n    resources:\n    - name: nvidia.com/gpu\n      replicas: 4');
  });

  test('with cloud-managed drivers on EKS/AKS the operator leaves driver and toolkit to the node image', () => {
    const cloudManaged = synthFleet(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addGpuNodePool('t4', { accelerator: Accelerator.NVIDIA_T4, spot: true });
    });
    const v = values(releases(cloudManaged, 'azure-addons')['gpu-operator']);
    expect(v).toMatchObject({ driver: { enabled: false }, toolkit: { enabled: false }, devicePlugin: { enabled: true }, mig: { strategy: 'single' } });
    expect(v.daemonsets.tolerations).toContainEqual({ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot', effect: 'NoSchedule' });
  });

  test('the collector is the service the OTLP endpoint names', () => {
    const otel = releases(out, 'azure-addons')['otel-collector'];
    expect(otel).toMatchObject({ chart: 'opentelemetry-collector', namespace: 'telemetry' });
    expect(values(otel)).toMatchObject({
      mode: 'deployment',
      fullnameOverride: 'collector',
      ports: { 'otlp': { enabled: true, servicePort: 4317 }, 'otlp-http': { enabled: true, servicePort: 4318 } },
    });
    // Every pipeline exports to the backend, not only to the chart's default `debug` exporter.
    const config = values(otel).config;
    expect(config.exporters).toEqual({ otlp: { endpoint: 'https://otlp.example.com:4317' } });
    for (const pipeline of ['traces', 'metrics', 'logs']) expect(config.service.pipelines[pipeline].exporters).toEqual(['otlp']);
  });

  test('an in-cluster collector without an export endpoint fails synth', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'out'), telemetry: { otlpEndpoint: 'http://collector.telemetry:4317' } });
    new AksCluster(fleet, 'az', { location: 'westeurope' });
    expect(() => fleet.synth()).toThrow(/cluster 'fleet\/az': the fleet installs the OpenTelemetry collector .* but telemetry.exportEndpoint is not set/);
  });

  test('cilium on EKS is chained to the VPC CNI and installed before the other add-ons', () => {
    const aws = releases(out, 'aws-addons');
    expect(values(aws.cilium)).toMatchObject({ cni: { chainingMode: 'aws-cni' }, routingMode: 'native', enableIPv4Masquerade: false });
    expect(aws['gpu-operator'].depends_on).toEqual(['helm_release.cilium']);
  });

  test('the cluster-autoscaler gets a least-privilege role through EKS Pod Identity', () => {
    const stack = out.stack('aws-addons');
    const [association] = Object.values<any>(stack.resource.aws_eks_pod_identity_association);
    expect(association).toMatchObject({ cluster_name: 'aws', namespace: 'kube-system', service_account: 'cluster-autoscaler' });
    const [policy] = Object.values<any>(stack.resource.aws_iam_role_policy);
    const statements = JSON.parse(policy.policy).Statement;
    expect(statements[1]).toMatchObject({
      Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
      Condition: { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/aws': 'owned' } },
    });
    expect(values(stack.resource.helm_release['cluster-autoscaler'])).toMatchObject({
      autoDiscovery: { clusterName: 'aws' }, awsRegion: 'us-east-1', image: { tag: 'v1.34.0' },
    });
    expect(stack.resource.helm_release['cluster-autoscaler'].depends_on).toHaveLength(3);
  });

  test('the Helm provider reads endpoint and CA from the cluster stack\'s state and authenticates with the cloud CLI', () => {
    const stack = out.stack('aws-addons');
    const remote = 'data.terraform_remote_state.cross-stack-reference-input-fleet--aws';
    expect(stack.data.terraform_remote_state['cross-stack-reference-input-fleet--aws']).toEqual({
      backend: 'local', config: { path: '../../state/aws.tfstate' },
    });
    const kubernetes = stack.provider.helm[0].kubernetes;
    expect(kubernetes.host).toBe(`\${${remote}.outputs.cross-stack-output-aws_eks_clusterclusterendpoint}`);
    expect(kubernetes.cluster_ca_certificate).toBe(`\${base64decode(${remote}.outputs.cross-stack-output-aws_eks_clusterclustercertificate_authority0data)}`);
    expect(kubernetes.exec).toEqual({
      api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'aws', '--region', 'us-east-1'],
    });
    expect(out.stack('azure-addons').provider.helm[0].kubernetes.exec.command).toBe('kubelogin');
    expect(out.stack('gcp-addons').provider.helm[0].kubernetes.exec.command).toBe('gke-gcloud-auth-plugin');
    // The cluster stack exports what the add-ons read, as sensitive outputs.
    expect(out.stack('aws').output['cross-stack-output-aws_eks_clusterclusterendpoint']).toEqual({
      value: '${aws_eks_cluster.cluster.endpoint}', sensitive: true,
    });
  });
});

test('synthesizing one fleet twice reuses its add-ons stacks and gives the same tree', () => {
  const outdir = path.join(tempDir(), 'out');
  const fleet = new Fleet({ outdir });
  new EksCluster(fleet, 'aws', { region: 'us-east-1' }).addNodePool('general');
  fleet.synth();
  const first = readTree(outdir);
  expect(fleet.synth()).toMatchObject({ stacks: 2 });
  expect(readTree(outdir)).toEqual(first);
});

describe('add-on switches', () => {
  test('switching every automatic add-on off leaves no add-ons stack', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { clusterAutoscaler: false, gpuOperator: false } });
      eks.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
    });
    expect(Object.keys(out.manifest.stacks)).toEqual(['aws']);
  });

  test('an add-on switched on is installed even when nothing needs it; karpenter replaces the cluster-autoscaler', () => {
    const out = synthFleet(fleet => {
      new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { keda: true, karpenter: true } }).addNodePool('general');
    });
    const stack = out.stack('aws-addons');
    expect(Object.keys(stack.resource.helm_release).sort()).toEqual(['karpenter', 'keda']);
    expect(stack.resource.helm_release.karpenter).toMatchObject({ repository: 'oci://public.ecr.aws/karpenter', chart: 'karpenter' });
    const [association] = Object.values<any>(stack.resource.aws_eks_pod_identity_association);
    expect(association.service_account).toBe('karpenter');
    // RunInstances touches the cluster's subnets: the condition must accept the tag value they carry.
    const [policy] = Object.values<any>(stack.resource.aws_iam_role_policy);
    const launch = JSON.parse(policy.policy).Statement.find((st: any) => st.Action.includes('ec2:RunInstances'));
    const accepted = launch.Condition.StringEqualsIfExists['aws:ResourceTag/kubernetes.io/cluster/aws'];
    const subnetTags = out.resources('aws', 'aws_subnet').map(subnet => subnet.tags['kubernetes.io/cluster/aws']);
    expect(subnetTags).toHaveLength(6);
    for (const value of subnetTags) expect(accepted).toContain(value);
    expect(accepted).toContain('owned');
  });

  test('the remote state follows the fleet backend', () => {
    const out = synthFleet(fleet => {
      new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1', addons: { keda: true } }).addNodePool('general');
    }, { backend: Backend.gcs({ bucket: 'acme-state' }) });
    expect(out.stack('gcp-addons').data.terraform_remote_state['cross-stack-reference-input-fleet--gcp']).toEqual({
      backend: 'gcs', config: { bucket: 'acme-state', prefix: 'cdk-fleet/gcp' },
    });
  });

  test.each([
    ['gke', (f: Fleet) => new GkeCluster(f, 'gcp', { project: 'acme-prod', region: 'us-central1', addons: { clusterAutoscaler: true } }),
      "gkeCluster 'fleet/gcp': addons.clusterAutoscaler is for EKS only; GKE provides its own"],
    ['aks', (f: Fleet) => new AksCluster(f, 'az', { location: 'westeurope', addons: { metricsServer: true } }),
      "aksCluster 'fleet/az': addons.metricsServer is for EKS only; AKS provides its own"],
    ['eks', (f: Fleet) => new EksCluster(f, 'aws', { region: 'us-east-1', addons: { karpenter: true, clusterAutoscaler: true } }),
      "eksCluster 'fleet/aws': addons.karpenter and addons.clusterAutoscaler exclude each other"],
  ])('rejects add-ons a cloud cannot take (%s)', (_cloud, build, message) => {
    expect(() => build(new Fleet({ outdir: 'unused' }))).toThrow(message);
  });

  test('an explicit collector without an in-cluster endpoint fails synth', () => {
    const fleet = new Fleet({ outdir: 'unused', telemetry: { otlpEndpoint: 'https://otlp.example.com:4317' } });
    new AksCluster(fleet, 'az', { location: 'westeurope', addons: { openTelemetryCollector: true } });
    expect(() => fleet.synth()).toThrow(
      "cluster 'fleet/az': addons.openTelemetryCollector is on but telemetry.otlpEndpoint 'https://otlp.example.com:4317' is not an in-cluster service");
  });
});
