import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-30';
import { parseAllDocuments } from 'yaml';
import { EksCluster, Fleet, GkeCluster, ICluster, IChartFactory, KubernetesManifest, Workload } from '../../lib';
import { Synthesized, synthFleet, tempDir } from '../support/synth';

const docs = (out: Synthesized, file: string): any[] =>
  parseAllDocuments(fs.readFileSync(path.join(out.outdir, file), 'utf8')).map(d => d.toJS());

function twoClusters(fleet: Fleet): { eks: EksCluster; gke: GkeCluster } {
  const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1' });
  eks.addNodePool('general');
  const gke = new GkeCluster(fleet, 'gcp-us', { project: 'acme-prod', region: 'us-central1', labels: { tier: 'edge' } });
  gke.addNodePool('general');
  return { eks, gke };
}

/** A ConfigMap per cluster naming the cluster's cloud. */
class CloudConfig implements IChartFactory {
  public buildChart(chart: Chart, cluster: ICluster): void {
    new kplus.ConfigMap(chart, 'settings', { metadata: { name: 'settings' }, data: { cloud: cluster.cloud } });
  }
}

const monitoring = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'scrape', namespace: 'monitoring' }, data: { interval: '30s' } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'scraper', namespace: 'monitoring' }, rules: [] },
];

describe('content built per cluster, plain objects and a namespace of its own', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const { eks } = twoClusters(fleet);
      new KubernetesManifest(fleet, 'settings', { chartFactory: new CloudConfig(), placement: [eks], clusterSelector: { tier: 'edge' } });
      fleet.addManifest('monitoring', { manifests: monitoring, placement: [eks] });
    }, { tags: { environment: 'prod' } });
  });

  test('a chart factory builds each cluster\'s own objects in the fleet\'s default namespace, which the fleet writes with Pod Security labels', () => {
    expect(docs(out, 'kubernetes/aws-us/manifest.settings.yaml')).toEqual([expect.objectContaining({
      kind: 'ConfigMap', metadata: expect.objectContaining({ name: 'settings', namespace: 'apps', labels: expect.objectContaining({ environment: 'prod' }) }), data: { cloud: 'aws' },
    })]);
    expect(docs(out, 'kubernetes/gcp-us/manifest.settings.yaml')[0].data).toEqual({ cloud: 'gcp' });
    for (const cluster of ['aws-us', 'gcp-us']) {
      expect(docs(out, `kubernetes/${cluster}/namespaces.yaml`)).toEqual([expect.objectContaining({
        metadata: { name: 'apps', labels: expect.objectContaining({ 'pod-security.kubernetes.io/enforce': 'restricted' }) },
      })]);
    }
  });

  test('a Namespace the content creates gets the fleet\'s labels and Pod Security labels; cluster-scoped objects lose the namespace', () => {
    const [ns, configMap, clusterRole] = docs(out, 'kubernetes/aws-us/manifest.monitoring.yaml');
    expect(ns.metadata.labels).toEqual({
      'environment': 'prod',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': expect.stringMatching(/^v1\.\d+$/),
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': expect.stringMatching(/^v1\.\d+$/),
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': expect.stringMatching(/^v1\.\d+$/),
    });
    expect(configMap.metadata).toMatchObject({ namespace: 'monitoring', labels: { environment: 'prod' } });
    expect(clusterRole.metadata.namespace).toBeUndefined();
    // the fleet does not write 'monitoring' a second time, but writes the manifest's own default namespace
    expect(docs(out, 'kubernetes/aws-us/namespaces.yaml').map(o => o.metadata.name)).toEqual(['apps']);
    expect(docs(out, 'kubernetes/aws-us/kustomization.yaml')[0].resources).toEqual(['manifest.monitoring.yaml', 'manifest.settings.yaml', 'namespaces.yaml']);
  });

  test('content with cluster-scoped objects only makes the fleet write no namespace', () => {
    const only = synthFleet(fleet => {
      fleet.addManifest('roles', { manifests: [monitoring[2]], placement: [twoClusters(fleet).eks] });
    });
    expect(fs.existsSync(path.join(only.outdir, 'kubernetes/aws-us/namespaces.yaml'))).toBe(false);
    expect(docs(only, 'kubernetes/aws-us/kustomization.yaml')[0].resources).toEqual(['manifest.roles.yaml']);
  });

  test('the same program gives the same bytes', () => {
    const again = synthFleet(fleet => {
      const { eks } = twoClusters(fleet);
      new KubernetesManifest(fleet, 'settings', { chartFactory: new CloudConfig(), placement: [eks], clusterSelector: { tier: 'edge' } });
      fleet.addManifest('monitoring', { manifests: monitoring, placement: [eks] });
    }, { tags: { environment: 'prod' } });
    for (const file of ['kubernetes/aws-us/manifest.monitoring.yaml', 'kubernetes/aws-us/manifest.settings.yaml', 'kubernetes/gcp-us/kustomization.yaml']) {
      expect(fs.readFileSync(path.join(again.outdir, file), 'utf8')).toBe(fs.readFileSync(path.join(out.outdir, file), 'utf8'));
    }
  });
});

describe('custom kinds', () => {
  const scaledObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'worker' },
    spec: { scaleTargetRef: { name: 'worker' }, triggers: [{ type: 'cron', metadata: { timezone: 'UTC', start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: '2' } }] },
  };

  test('a KEDA ScaledObject makes the fleet install KEDA on that cluster', () => {
    const out = synthFleet(fleet => {
      const { gke } = twoClusters(fleet);
      fleet.addManifest('worker-scaling', { manifests: [scaledObject], placement: [gke] });
    });
    expect(Object.keys(out.stack('gcp-us-addons').resource.helm_release)).toContain('keda');
    expect(out.manifest.stacks['gcp-us'].cluster.capabilities.keda).toMatch(/add-on keda/);
  });

  test('a ScaledObject on a cluster with KEDA switched off names the manifest and the object', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'out') });
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1', addons: { keda: false } });
    gke.addNodePool('general');
    fleet.addManifest('worker-scaling', { manifests: [scaledObject], placement: [gke] });
    expect(() => fleet.synth()).toThrow(/kubernetesManifest 'fleet\/worker-scaling' \(keda\.sh\/v1alpha1 ScaledObject 'worker'\) needs KEDA.*addons\.keda is false/);
  });

  const certificate = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web-tls' }, spec: { secretName: 'web-tls' } };

  test('a kind whose CRD nothing installs is an error naming the object and the ways out', () => {
    expect(() => synthFleet(fleet => {
      fleet.addManifest('tls', { manifests: [certificate], placement: [twoClusters(fleet).eks] });
    })).toThrow(/kubernetesManifest 'fleet\/tls' on cluster 'aws-us': cert-manager\.io\/v1 Certificate 'web-tls': nothing installs the CRD .*externalKinds/);
  });

  test('a CRD in the content, or an external kind, makes the kind known', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'certificates.cert-manager.io' },
      spec: { group: 'cert-manager.io', scope: 'Namespaced', names: { kind: 'Certificate', plural: 'certificates' }, versions: [{ name: 'v1', served: true, storage: true }] },
    };
    const out = synthFleet(fleet => {
      const { eks, gke } = twoClusters(fleet);
      fleet.addManifest('crds', { manifests: [crd], placement: [eks] });
      fleet.addManifest('tls', { manifests: [certificate], placement: [eks] });
      fleet.addManifest('tls-gcp', { manifests: [certificate], placement: [gke], externalKinds: [{ group: 'cert-manager.io', kind: 'Certificate' }] });
    });
    expect(docs(out, 'kubernetes/aws-us/manifest.tls.yaml')[0].metadata.namespace).toBe('apps');
    expect(docs(out, 'kubernetes/gcp-us/manifest.tls-gcp.yaml')[0].metadata.namespace).toBe('apps');
    expect(docs(out, 'kubernetes/aws-us/manifest.crds.yaml')[0].metadata.namespace).toBeUndefined();
  });

  test('a built-in kind at a version Kubernetes no longer serves names the version to use', () => {
    expect(() => synthFleet(fleet => {
      fleet.addManifest('old', {
        manifests: [{ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { maxUnavailable: 1 } }],
        placement: [twoClusters(fleet).eks],
      });
    })).toThrow(/policy\/v1beta1 PodDisruptionBudget 'web': the cluster does not serve policy\/v1beta1 PodDisruptionBudget; use apiVersion 'policy\/v1'/);
  });
});

describe('KubernetesManifest bad input', () => {
  const configMap = (name: string, namespace?: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, data: {} });
  const synthWith = (build: (fleet: Fleet, c: { eks: EksCluster; gke: GkeCluster }) => void) =>
    () => synthFleet(fleet => build(fleet, twoClusters(fleet)));

  test.each([
    ['default', /ConfigMap 'default\/x' is in namespace 'default', which Kubernetes creates without the Pod Security labels the fleet controls; leave metadata\.namespace out \(it becomes 'apps'\)/],
    ['kube-system', /ConfigMap 'kube-system\/x' is in namespace 'kube-system'/],
    ['elsewhere', /ConfigMap 'elsewhere\/x' is in namespace 'elsewhere', which nothing on the cluster creates; leave metadata\.namespace out .*add a Namespace 'elsewhere' to the content/],
  ])('an object in namespace %s is an error naming the object and the fix', (namespace, message) => {
    expect(synthWith((fleet, { eks }) => fleet.addManifest('bad', { manifests: [configMap('x', namespace)], placement: [eks] }))).toThrow(message);
  });

  test('a chart factory that throws is reported with the manifest and the cluster', () => {
    const failing: IChartFactory = { buildChart: () => { throw new Error('no settings for this region'); } };
    expect(synthWith((fleet, { gke }) => fleet.addManifest('bad', { chartFactory: failing, placement: [gke] })))
      .toThrow(/kubernetesManifest 'fleet\/bad': building its objects for cluster 'gcp-us' failed: no settings for this region/);
  });

  test('a cluster outside the fleet', () => {
    const other = new Fleet({ name: 'other' });
    const stray = new EksCluster(other, 'stray', { region: 'us-east-1' });
    expect(synthWith(fleet => fleet.addManifest('bad', { manifests: [configMap('x')], placement: [stray] })))
      .toThrow(/kubernetesManifest 'fleet\/bad': cluster 'other\/stray' is not a cluster of this fleet/);
  });

  test('a clusterSelector that matches no cluster lists the clusters', () => {
    expect(synthWith(fleet => fleet.addManifest('bad', { manifests: [configMap('x')], clusterSelector: { tier: 'mars' } })))
      .toThrow(/clusterSelector \{tier=mars\} matches no cluster; clusters and their labels: aws-us \{\}, gcp-us \{tier=edge\}/);
  });

  test('two manifests with one object on a cluster', () => {
    expect(synthWith((fleet, { eks, gke }) => {
      fleet.addManifest('a', { manifests: [configMap('shared')], placement: [eks, gke] });
      fleet.addManifest('b', { manifests: [configMap('shared')], placement: [gke] });
    })).toThrow(/kubernetesManifest 'fleet\/b' on cluster 'gcp-us': v1 ConfigMap 'apps\/shared' is also in 'fleet\/a'/);
  });

  test('an object a workload already writes', () => {
    expect(synthWith((fleet, { eks }) => {
      new Workload(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', resources: { cpu: '100m', memory: '128Mi' }, placement: [eks] });
      fleet.addManifest('extra', { manifests: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }], placement: [eks] });
    })).toThrow(/'fleet\/extra': v1 Service 'apps\/web' on cluster 'aws-us' is also written by 'fleet\/web'/);
  });

  test('a label that contradicts the fleet\'s', () => {
    const fleetTagged = () => synthFleet(fleet => {
      fleet.addManifest('bad', { manifests: [{ ...configMap('x'), metadata: { name: 'x', labels: { environment: 'dev' } } }], placement: [twoClusters(fleet).eks] });
    }, { tags: { environment: 'prod' } });
    expect(fleetTagged).toThrow(/ConfigMap 'apps\/x': metadata\.labels\['environment'\] is "dev", but the fleet sets 'prod'/);
  });

  test('a Namespace with its own Pod Security level', () => {
    expect(synthWith((fleet, { eks }) => fleet.addManifest('bad', {
      manifests: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } }],
      placement: [eks],
    }))).toThrow(/Namespace 'legacy': labels\['pod-security\.kubernetes\.io\/enforce'\] is "privileged"; the fleet sets the Pod Security labels/);
  });

  test('a team namespace used by content outside the team, and team content on a cluster the team may not use', () => {
    expect(synthWith((fleet, { eks }) => {
      fleet.addTeam('payments');
      fleet.addManifest('bad', { manifests: [configMap('x', 'payments')], placement: [eks] });
    })).toThrow(/ConfigMap 'payments\/x' is in namespace 'payments', which belongs to team 'payments' \('fleet\/payments'\); give the manifest team: payments/);
    expect(synthWith((fleet, { eks, gke }) => {
      const team = fleet.addTeam('payments', { clusters: [eks] });
      fleet.addManifest('bad', { manifests: [configMap('x')], team, placement: [gke] });
    })).toThrow(/kubernetesManifest 'fleet\/bad': placed on cluster 'gcp-us', which its team 'payments' \('fleet\/payments'\) may not use/);
  });

  describe('at construction', () => {
    const fleet = new Fleet();
    const { eks } = twoClusters(fleet);
    let n = 0;
    const make = (props: any, id = `m${n++}`) => () => new KubernetesManifest(fleet, id, { placement: [eks], ...props });
    test.each([
      ['no content', {}, /kubernetesManifest 'fleet\/m\d+': has no content; give a chart, a chartFactory or manifests/],
      ['an object without a name', { manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }] }, /manifests\[0\] v1 ConfigMap has no metadata\.name/],
      ['an object without a kind', { manifests: [{ apiVersion: 'v1' }] }, /manifests\[0\] has no kind/],
      ['a namespace of Kubernetes', { manifests: [configMap('x')], namespace: 'default' }, /namespace 'default' cannot hold the content/],
      ['not a chart', { chart: { name: 'web' } }, /chart \{"name":"web"\} is not a cdk8s Chart/],
      ['no placement', { manifests: [configMap('x')], placement: [] }, /placement is empty and there is no clusterSelector/],
      ['a bad external kind', { manifests: [configMap('x')], externalKinds: [{ group: 'certmanager', kind: 'Certificate' }] }, /externalKinds\[0\]\.group 'certmanager' is not an API group/],
    ])('%s', (_what, props, message) => {
      expect(make(props)).toThrow(message);
    });
    test('an id that cannot name a file', () => {
      expect(make({ manifests: [configMap('x')] }, 'Web_App')).toThrow(/kubernetesManifest 'fleet\/Web_App': id 'Web_App' names the manifest's file and must be a DNS-1123 label/);
    });
  });
});
