import * as path from 'path';
import { TerraformOutput } from 'cdktf';
import {
  Addon, Capability, ClusterNetworking, EksCluster, Fleet, GkeCluster, HelmChartOptions, IAddon, IAddonContext, Workload,
} from '../../lib';
import { ADDON_CHARTS } from '../../lib/addons/catalog';
import { helmReleaseProblems } from '../../lib/clusters/helm-release-check';
import { synthFleet, tempDir } from '../support/synth';

const small = { image: 'ghcr.io/acme/web:1.4.2', resources: { cpu: '250m', memory: '256Mi' } };
const envoy: HelmChartOptions = {
  chart: 'gateway-helm',
  repository: 'oci://docker.io/envoyproxy',
  version: 'v1.6.0',
  namespace: 'envoy-gateway-system',
  values: { deployment: { replicas: 2 }, config: { envoyGateway: { logging: { level: { default: 'info' } } } } },
  provides: [Capability.GATEWAY_API],
};

/** A user's add-on with two releases, its own Terraform output and a need for KEDA. */
class QueueWorkers implements IAddon {
  public readonly addonName = 'queue-workers';
  public readonly provides: Capability[] = [];
  public readonly requires = [Capability.KEDA];
  public install(context: IAddonContext): void {
    const crds = context.addHelmRelease({ release: 'workers-crds', chart: 'workers-crds', repository: 'https://charts.example.com', version: '2.0.1', namespace: 'workers' });
    context.addHelmRelease({
      release: 'workers',
      chart: 'workers',
      repository: 'https://charts.example.com',
      version: '2.0.1',
      namespace: 'workers',
      values: { cluster: context.cluster.clusterName },
      dependsOn: [crds],
    });
    new TerraformOutput(context.stack, 'workers-namespace', { value: 'workers' });
  }
}

describe('add-ons added to a cluster', () => {
  test('addHelmChart: a pinned helm_release after the pod network; its provides satisfy a route; listed in manifest.json', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', networking: ClusterNetworking.cilium(), addons: { clusterAutoscaler: false } });
      eks.addNodePool('general');
      eks.addHelmChart('envoy-gateway', envoy);
      new Workload(fleet, 'web', { ...small, placement: [eks], route: { gateway: 'public' } });
    });
    const releases = out.stack('aws-addons').resource.helm_release;
    expect(Object.keys(releases).sort()).toEqual(['cilium', 'envoy-gateway']);
    expect(releases['envoy-gateway']).toMatchObject({
      name: 'envoy-gateway',
      chart: 'gateway-helm',
      repository: 'oci://docker.io/envoyproxy',
      version: 'v1.6.0',
      namespace: 'envoy-gateway-system',
      create_namespace: true,
      atomic: true,
      depends_on: ['helm_release.cilium'],
    });
    expect(releases['envoy-gateway'].values).toEqual([
      '{\n  "config": {\n    "envoyGateway": {\n      "logging": {\n        "level": {\n          "default": "info"\n        }\n      }\n    }\n  },\n  "deployment": {\n    "replicas": 2\n  }\n}',
    ]);
    expect(releases.cilium.depends_on).toBeUndefined();
    expect(out.manifest.stacks.aws.cluster.capabilities['gateway-api']).toBe('add-on envoy-gateway (added to the cluster)');
    expect(out.manifest.stacks['aws-addons'].addons.releases).toEqual([
      { addon: 'cilium', release: 'cilium', chart: 'cilium', version: expect.any(String), repository: 'https://helm.cilium.io' },
      { addon: 'envoy-gateway', release: 'envoy-gateway', chart: 'gateway-helm', version: 'v1.6.0', repository: 'oci://docker.io/envoyproxy' },
    ]);
  });

  test('a cluster with only a user add-on gets an add-ons stack (GKE, which needs no catalog add-on)', () => {
    const out = synthFleet(fleet => {
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      gke.addNodePool('general');
      gke.addAddon(Addon.helmChart('cert-manager', {
        chart: 'cert-manager', repository: 'https://charts.jetstack.io', version: 'v1.19.1', namespace: 'cert-manager', values: { crds: { enabled: true } },
      }));
    });
    expect(out.manifest.planOrder).toEqual([['gcp'], ['gcp-addons']]);
    const release = out.stack('gcp-addons').resource.helm_release['cert-manager'];
    expect(release).toMatchObject({ chart: 'cert-manager', namespace: 'cert-manager', version: 'v1.19.1', create_namespace: true });
    expect(release.depends_on).toBeUndefined();
    expect(JSON.parse(release.values[0])).toEqual({ crds: { enabled: true } });
  });

  test('an IAddon of your own: several releases, own resources, and what it requires is installed by the fleet', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { clusterAutoscaler: false } });
      eks.addNodePool('general');
      eks.addAddon(new QueueWorkers());
    });
    const stack = out.stack('aws-addons');
    expect(Object.keys(stack.resource.helm_release).sort()).toEqual(['keda', 'workers', 'workers-crds']);
    expect(stack.resource.helm_release.workers.depends_on).toEqual(['helm_release.workers-crds']);
    expect(JSON.parse(stack.resource.helm_release.workers.values[0])).toEqual({ cluster: 'aws' });
    expect(stack.output['workers-namespace']).toEqual({ value: 'workers' });
    expect(out.manifest.stacks.aws.cluster.capabilities.keda).toMatch(/^add-on keda /);
    expect(out.manifest.stacks['aws-addons'].addons.releases.map((r: any) => `${r.addon}/${r.release}`))
      .toEqual(['keda/keda', 'queue-workers/workers-crds', 'queue-workers/workers']);
  });

  test('a pod network add-on of your own is installed first and every other release waits for it', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { clusterAutoscaler: false } });
      eks.addNodePool('general');
      eks.addHelmChart('podinfo', { chart: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.9.2', namespace: 'podinfo' });
      eks.addAddon({
        addonName: 'calico',
        provides: [],
        requires: [],
        podNetwork: true,
        install: (c: IAddonContext) => {
          c.addHelmRelease({ release: 'calico', chart: 'tigera-operator', repository: 'https://docs.tigera.io/calico/charts', version: 'v3.30.3', namespace: 'tigera-operator' });
        },
      });
    });
    const releases = out.stack('aws-addons').resource.helm_release;
    expect(releases.podinfo.depends_on).toEqual(['helm_release.calico']);
    expect(releases.calico.depends_on).toBeUndefined();
    expect(out.manifest.stacks['aws-addons'].addons.releases.map((r: any) => r.addon)).toEqual(['calico', 'podinfo']);
  });

  test('a user add-on that provides KEDA replaces the catalog KEDA', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { clusterAutoscaler: false } });
      eks.addNodePool('general');
      eks.addHelmChart('keda-own', { chart: 'keda', repository: 'https://kedacore.github.io/charts', version: '2.20.0', namespace: 'keda', provides: [Capability.KEDA] });
      eks.addAddon(new QueueWorkers());
    });
    expect(Object.keys(out.stack('aws-addons').resource.helm_release).sort()).toEqual(['keda-own', 'workers', 'workers-crds']);
  });
});

describe('add-on input is checked', () => {
  const ok = { chart: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.9.2', namespace: 'podinfo' };
  test.each([
    ['a version range', { ...ok, version: '^6.9.0' }, /version '\^6\.9\.0' is not an exact chart version; pin one semantic version/],
    ['a wildcard version', { ...ok, version: '6.x' }, /version '6\.x' is not an exact chart version/],
    ['latest', { ...ok, version: 'latest' }, /version 'latest' is not an exact chart version/],
    ['an http repository', { ...ok, repository: 'http://charts.example.com' }, /repository 'http:\/\/charts\.example\.com' is not a Helm repository URL; use an 'https:\/\/' chart index or an 'oci:\/\/' registry/],
    ['a bare repository', { ...ok, repository: 'charts.example.com' }, /repository 'charts\.example\.com' is not a Helm repository URL/],
    ['a bad chart name', { ...ok, chart: 'Pod Info' }, /chart 'Pod Info' is not a chart name/],
    ['a bad namespace', { ...ok, namespace: 'Pod_Info' }, /namespace 'Pod_Info' is not a Kubernetes namespace name; use a DNS-1123 label/],
    ['default', { ...ok, namespace: 'default' }, /namespace 'default' is not for add-ons/],
    ['kube-system', { ...ok, namespace: 'kube-system' }, /namespace 'kube-system' is a system namespace; .*allowSystemNamespace: true/],
    ['a long release name', { ...ok, releaseName: 'r'.repeat(54) }, /release name 'r{54}' is not a Helm release name; use a DNS-1123 label of at most 53/],
    ['an unknown capability', { ...ok, provides: ['gateway-api' as any] }, /provides 'gateway-api' is not a Capability/],
  ])('%s', (_what, options, message) => {
    const fleet = new Fleet({ outdir: 'unused' });
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
    expect(() => eks.addHelmChart('podinfo', options as HelmChartOptions)).toThrow(message);
    expect(() => eks.addHelmChart('podinfo', options as HelmChartOptions)).toThrow(/^helmChart 'fleet\/aws\/podinfo': /);
    expect(() => Addon.helmChart('podinfo', options as HelmChartOptions)).toThrow(/^helmChart 'podinfo': /);
  });

  test('the catalog charts obey the same rules (they are checked by the same context at synth)', () => {
    for (const chart of Object.values(ADDON_CHARTS)) {
      expect(helmReleaseProblems({ ...chart, allowSystemNamespace: true })).toEqual([]);
    }
    expect(helmReleaseProblems({ ...ADDON_CHARTS.cilium })).toEqual([expect.stringMatching(/^namespace 'kube-system' is a system namespace/)]);
  });

  test('kube-system is accepted with allowSystemNamespace; a bad id is rejected', () => {
    expect(Addon.helmChart('csi', { ...ok, namespace: 'kube-system', allowSystemNamespace: true }).addonName).toBe('csi');
    expect(() => Addon.helmChart('My_Addon', ok)).toThrow(/helmChart 'My_Addon': id 'My_Addon' is not an add-on name/);
  });

  test('names are unique per cluster: a second add-on of the same name, a release name the catalog uses', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'out') });
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { keda: true } });
    eks.addNodePool('general');
    eks.addHelmChart('podinfo', ok);
    expect(() => eks.addHelmChart('podinfo', ok)).toThrow("eksCluster 'fleet/aws': addAddon: an add-on named 'podinfo' was already added");
    eks.addHelmChart('my-keda', { ...ok, releaseName: 'keda' });
    expect(() => fleet.synth()).toThrow("add-on 'my-keda' on cluster 'fleet/aws': release name 'keda' is already used by add-on 'keda' on this cluster");
  });

  test('addAddon checks the add-on it is given', () => {
    const eks = new EksCluster(new Fleet({ outdir: 'unused' }), 'aws', { region: 'us-east-1' });
    expect(() => eks.addAddon({ addonName: 'bad name', provides: [], requires: [], install: () => {} }))
      .toThrow("eksCluster 'fleet/aws': addAddon: add-on name 'bad name' is not valid; use letters, digits and '-'");
    expect(() => eks.addAddon({ addonName: 'x', provides: [Capability.KEDA], requires: ['keda' as any], install: () => {} }))
      .toThrow("eksCluster 'fleet/aws': addAddon: add-on 'x' requires 'keda' is not a Capability");
  });

  test('an IAddon whose release breaks a rule fails at synth, naming the add-on and the cluster', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'out') });
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
    eks.addNodePool('general');
    eks.addAddon({
      addonName: 'loose',
      provides: [],
      requires: [],
      install: (c: IAddonContext) => { c.addHelmRelease({ ...ok, release: 'loose', version: '>=1.0.0' }); },
    });
    expect(() => fleet.synth()).toThrow(/add-on 'loose' on cluster 'fleet\/aws': version '>=1\.0\.0' is not an exact chart version/);
  });

  test('an add-on requiring what nobody provides fails like a workload would', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'out') });
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
    gke.addNodePool('general');
    gke.addHelmChart('wasm-thing', { ...ok, requires: [Capability.WASM_SHIM] });
    expect(() => fleet.synth()).toThrow(/add-on 'wasm-thing' needs a containerd Wasm shim .* on cluster 'fleet\/gcp'/);
  });
});
