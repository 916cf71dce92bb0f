import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  Accelerator, AksCluster, Capability, EksCluster, Fleet, GkeCluster, GpuSharing, InferenceService, KubernetesVersion, Team, Workload,
} from '../../lib';
import { synthFleet, tempDir } from '../support/synth';

const small = { image: 'ghcr.io/acme/web:1.4.2', resources: { cpu: '250m', memory: '256Mi' } };
const V = KubernetesVersion.V1_33;

function docs(outdir: string, file: string): any[] {
  return parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS());
}

describe('imported clusters', () => {
  test('EKS: a stack that only reads the cluster; workloads land in kubernetes/<id>/; add-ons reach it through the data source', () => {
    const out = synthFleet(fleet => {
      const legacy = EksCluster.fromClusterAttributes(fleet, 'legacy', {
        clusterName: 'payments-prod',
        region: 'eu-west-1',
        kubernetesVersion: V,
        labels: { env: 'prod' },
        provides: [Capability.NETWORK_POLICY],
        addons: { metricsServer: true },
      });
      legacy.addHelmChart('podinfo', { chart: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.9.2', namespace: 'podinfo' });
      new Workload(fleet, 'web', { ...small, clusterSelector: { env: 'prod' }, autoscaling: { minReplicas: 2, maxReplicas: 4 } });
    });
    const stack = out.stack('legacy');
    expect(stack.resource).toBeUndefined();
    expect(stack.data.aws_eks_cluster.cluster).toMatchObject({ name: 'payments-prod' });
    // The plan fails when the cluster does not run the declared version.
    expect(stack.data.aws_eks_cluster.cluster.lifecycle.postcondition).toEqual([{
      condition: '${self.version == "1.33" || startswith(self.version, "1.33.")}',
      error_message: expect.stringMatching(/^fleet\/legacy: cluster 'payments-prod' does not run Kubernetes 1\.33 as declared/),
    }]);
    expect(stack.provider.aws[0]).toMatchObject({ region: 'eu-west-1' });
    expect(out.manifest.stacks.legacy).toMatchObject({ resources: 0, cluster: { imported: true, name: 'payments-prod', kubernetesVersion: '1.33', cloud: 'aws' } });
    expect(out.manifest.stacks.legacy.cluster.capabilities).toEqual({
      'network-policy': 'provides (installed outside the fleet)',
      'metrics': expect.stringMatching(/^add-on metricsServer /),
    });

    const addons = out.stack('legacy-addons');
    // Only what was asked: metrics-server (switched on) and the chart; no cluster-autoscaler on a cluster the fleet did not build.
    expect(Object.keys(addons.resource.helm_release).sort()).toEqual(['metrics-server', 'podinfo']);
    const kube = addons.provider.helm[0].kubernetes;
    expect(kube.host).toMatch(/data\.terraform_remote_state\.cross-stack-reference-input-fleet--legacy\.outputs\./);
    expect(kube.exec).toEqual({ api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'payments-prod', '--region', 'eu-west-1'] });
    // The cross-stack outputs are the data source's attributes.
    expect(JSON.stringify(stack.output)).toMatch(/data\.aws_eks_cluster\.cluster\.endpoint/);
    expect(out.manifest.planOrder).toEqual([['legacy'], ['legacy-addons']]);

    const kinds = docs(out.outdir, 'kubernetes/legacy/web.yaml').map(o => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy']));
    expect(out.manifest.kubernetes.legacy).toEqual({ directory: 'kubernetes/legacy', workloads: ['apps/web'] });
  });

  test('GKE: described GPU pools take GPU workloads; manifest.json lists the labels their nodes must carry', () => {
    const out = synthFleet(fleet => {
      const gke = GkeCluster.fromClusterAttributes(fleet, 'ml', {
        clusterName: 'ml-shared',
        project: 'acme-ml',
        region: 'us-central1',
        kubernetesVersion: V,
        provides: [Capability.NETWORK_POLICY, Capability.GPU_DEVICE_PLUGIN],
        nodePools: [
          { name: 'cpu', machineType: 'e2-standard-8', maxSize: 10 },
          { name: 'l4', machineType: 'g2-standard-8', accelerator: Accelerator.NVIDIA_L4, gpuSharing: GpuSharing.timeSlicing(2) },
        ],
      });
      new InferenceService(fleet, 'llm', { image: 'ghcr.io/acme/llm:1.0.0', placement: [gke], resources: { cpu: '2', memory: '8Gi' }, gpu: { accelerator: Accelerator.NVIDIA_L4, shared: true } });
    });
    const stack = out.stack('ml');
    expect(stack.data.google_container_cluster.cluster).toEqual(expect.objectContaining({ name: 'ml-shared', location: 'us-central1', project: 'acme-ml' }));
    expect(stack.resource).toBeUndefined();
    expect(stack.data.google_container_cluster.cluster.lifecycle.postcondition[0].condition)
      .toBe('${self.master_version == "1.33" || startswith(self.master_version, "1.33.")}');
    const pools = out.manifest.stacks.ml.cluster.nodePools;
    expect(pools[0]).toEqual({ name: 'cpu', machineType: 'e2-standard-8', minSize: 1, maxSize: 10, spot: false, labels: {} });
    expect(pools[1]).toMatchObject({
      name: 'l4',
      machineType: 'g2-standard-8',
      gpu: { accelerator: 'nvidia-l4', gpusPerNode: 1, sharing: 'time-slicing' },
      labels: { 'cdk-fleet.io/accelerator': 'nvidia-l4', 'cdk-fleet.io/gpu-count': '1', 'nvidia.com/device-plugin.config': 'time-slicing-2' },
    });
    expect(out.manifest.stacks['ml-addons']).toBeUndefined();
    const deployment = docs(out.outdir, 'kubernetes/ml/llm.yaml').find(o => o.kind === 'Deployment');
    expect(JSON.stringify(deployment.spec.template.spec.affinity)).toContain('nvidia-l4');
  });

  test('a catalog add-on switched on is configured from the described pools (GPU Operator for an imported AKS GPU pool)', () => {
    const out = synthFleet(fleet => {
      AksCluster.fromClusterAttributes(fleet, 'gpu', {
        clusterName: 'gpu-shared',
        resourceGroupName: 'rg-ml',
        kubernetesVersion: V,
        addons: { gpuOperator: true },
        nodePools: [{ name: 't4', machineType: 'Standard_NC4as_T4_v3', accelerator: Accelerator.NVIDIA_T4, gpuSharing: GpuSharing.timeSlicing(4), spot: true }],
      });
    });
    const release = out.stack('gpu-addons').resource.helm_release['gpu-operator'];
    const values = JSON.parse(release.values[0]);
    expect(Object.keys(values.devicePlugin.config.data).sort()).toEqual(['default', 'time-slicing-4']);
    expect(JSON.stringify(values)).toContain('kubernetes.azure.com/scalesetpriority');
  });

  test('a team on an imported cluster gets its Kubernetes objects and a warning instead of cloud access grants', () => {
    const out = synthFleet(fleet => {
      const c = EksCluster.fromClusterAttributes(fleet, 'legacy', { clusterName: 'legacy', region: 'us-east-1', kubernetesVersion: V });
      new Team(fleet, 'payments', { clusters: [c], members: { awsPrincipalArns: ['arn:aws:iam::111122223333:role/payments'] } });
    });
    expect(out.stack('legacy').resource).toBeUndefined();
    expect(docs(out.outdir, 'kubernetes/legacy/team.payments.yaml').map(o => o.kind)).toContain('Namespace');
    expect(out.manifest.warnings).toContainEqual(expect.objectContaining({
      path: 'fleet/legacy', message: expect.stringMatching(/^teams 'payments' get their namespaces, .* but no cloud access grants/),
    }));
  });

  test('AKS: the chart added to it is installed through the data source with kubelogin', () => {
    const out = synthFleet(fleet => {
      const aks = AksCluster.fromClusterAttributes(fleet, 'shared', {
        clusterName: 'aks-shared', resourceGroupName: 'rg-platform', subscriptionId: '00000000-0000-0000-0000-000000000000', kubernetesVersion: V,
      });
      aks.addHelmChart('ingress', { chart: 'ingress-nginx', repository: 'https://kubernetes.github.io/ingress-nginx', version: '4.13.3', namespace: 'ingress' });
    });
    expect(out.stack('shared').data.azurerm_kubernetes_cluster.cluster).toEqual(expect.objectContaining({ name: 'aks-shared', resource_group_name: 'rg-platform' }));
    expect(out.stack('shared').provider.azurerm[0]).toMatchObject({ subscription_id: '00000000-0000-0000-0000-000000000000' });
    const addons = out.stack('shared-addons');
    expect(Object.keys(addons.resource.helm_release)).toEqual(['ingress']);
    expect(addons.provider.helm[0].kubernetes.exec.command).toBe('kubelogin');
  });
});

describe('what an imported cluster cannot do, and bad attributes', () => {
  const fleet = () => new Fleet({ outdir: path.join(tempDir(), 'out') });
  const eks = (f: Fleet, more: Record<string, unknown> = {}) =>
    EksCluster.fromClusterAttributes(f, 'legacy', { clusterName: 'legacy', region: 'us-east-1', kubernetesVersion: V, ...more } as any);

  test('node pools cannot be added', () => {
    const c = eks(fleet());
    expect(() => c.addNodePool('general')).toThrow("importedEksCluster 'fleet/legacy': cannot add node pool 'general': the cluster is imported and its node pools are managed outside the fleet; describe them in nodePools");
    expect(() => c.addGpuNodePool('gpu', { accelerator: Accelerator.NVIDIA_L4 })).toThrow(/cannot add node pool 'gpu': the cluster is imported/);
  });

  test.each([
    ['the cluster-autoscaler', { addons: { clusterAutoscaler: true } }, /addons\.clusterAutoscaler is not available on an imported cluster/],
    ['karpenter', { addons: { karpenter: true } }, /addons\.karpenter is not available on an imported cluster/],
    ['no version', { kubernetesVersion: undefined }, /importedEksCluster 'fleet\/legacy': kubernetesVersion is required for an imported cluster/],
    ['a bad region', { region: 'us-east-9' }, /importedEksCluster 'fleet\/legacy': region 'us-east-9'/],
    ['a bad cluster name', { clusterName: 'bad name' }, /clusterName 'bad name' is not a valid EKS cluster name/],
    ['a bad pool name', { nodePools: [{ name: 'Big_Pool', machineType: 'm7i.large' }] }, /importedNodePool 'fleet\/legacy\/Big_Pool': name 'Big_Pool' is not a valid node pool name/],
    ['a pool without machine type', { nodePools: [{ name: 'p' }] }, /importedNodePool 'fleet\/legacy\/p': machineType \(missing\) is required/],
    ['a GPU count the machine lacks', { nodePools: [{ name: 'p', machineType: 'g6.xlarge', accelerator: Accelerator.NVIDIA_L4, gpusPerNode: 4 }] },
      /importedNodePool 'fleet\/legacy\/p': count 4 is not offered by g6\.xlarge \(1 GPUs\)/],
    ['sharing without accelerator', { nodePools: [{ name: 'p', machineType: 'm7i.large', gpuSharing: GpuSharing.timeSlicing(2) }] }, /give its accelerator too/],
  ])('%s', (_what, more, message) => {
    expect(() => eks(fleet(), more)).toThrow(message);
  });

  test('bad GKE project and AKS resource group', () => {
    expect(() => GkeCluster.fromClusterAttributes(fleet(), 'g', { clusterName: 'g', project: 'X', region: 'us-central1', kubernetesVersion: V }))
      .toThrow(/importedGkeCluster 'fleet\/g': project 'X' is not a Google Cloud project id/);
    expect(() => AksCluster.fromClusterAttributes(fleet(), 'a', { clusterName: 'a', resourceGroupName: 'rg.', kubernetesVersion: V }))
      .toThrow(/importedAksCluster 'fleet\/a': resourceGroupName 'rg\.' is not an Azure resource group name/);
  });

  test('nothing is installed by itself: a need the cluster does not declare fails, saying how to provide it', () => {
    const f = fleet();
    const c = eks(f);
    new Workload(f, 'web', { ...small, placement: [c], autoscaling: { minReplicas: 2, maxReplicas: 4 } });
    expect(() => f.synth()).toThrow(/needs NetworkPolicy enforcement .* on cluster 'fleet\/legacy', which does not provide it: cluster 'fleet\/legacy' is imported, so the fleet installs nothing on it by itself/);
    expect(() => f.synth()).toThrow(/needs the resource metrics API .*\(the fleet's add-on for it: addons\.metricsServer: true\)/);
  });

  test('a GPU workload needs described GPU pools', () => {
    const f = fleet();
    const c = eks(f, { provides: [Capability.NETWORK_POLICY, Capability.GPU_DEVICE_PLUGIN] });
    new InferenceService(f, 'llm', { image: 'ghcr.io/acme/llm:1.0.0', placement: [c], resources: { cpu: '2', memory: '8Gi' }, gpu: { accelerator: Accelerator.NVIDIA_L4 } });
    expect(() => f.synth()).toThrow(/no GPU pool on cluster 'legacy' can fit 1 × NVIDIA L4 per replica; GPU pools considered: none/);
  });
});
