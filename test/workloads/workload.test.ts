import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { EksCluster, Fleet, GkeCluster, Workload, WorkloadProps } from '../../lib';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { synthFleet } from '../support/synth';

function twoClusterFleet(fleet: Fleet): { eks: EksCluster; gke: GkeCluster } {
  const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1' });
  eks.addNodePool('general');
  const gke = new GkeCluster(fleet, 'gcp-us', { project: 'acme-prod', region: 'us-central1' });
  gke.addNodePool('general');
  return { eks, gke };
}

const web = (placement: WorkloadProps['placement'], extra: Partial<WorkloadProps> = {}): WorkloadProps => ({
  image: 'ghcr.io/acme/web:1.4.2', placement, resources: { cpu: '250m', memory: '256Mi' }, ...extra,
});

function objectsIn(outdir: string, file: string): any[] {
  return parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS());
}

describe('Workload', () => {
  const out = synthFleet(fleet => {
    const { eks, gke } = twoClusterFleet(fleet);
    new Workload(fleet, 'web', web([eks, gke], { allowTo: [{ cidr: '203.0.113.0/24', port: 443 }], env: { LOG_LEVEL: 'info' } }));
    new Workload(fleet, 'api', web([eks], { image: 'ghcr.io/acme/api:2.0.0', namespace: 'backend', allowFrom: ['web'], replicas: 3 }));
  }, { tags: { team: 'web' } });
  const webObjects = objectsIn(out.outdir, 'kubernetes/aws-us/web.yaml');
  const byKind = Object.fromEntries(webObjects.map(o => [o.kind, o]));

  test('renders each placed workload per cluster with a kustomization, listed in the manifest', () => {
    expect(out.manifest.kubernetes).toEqual({
      'aws-us': { directory: 'kubernetes/aws-us', workloads: ['apps/web', 'backend/api'] },
      'gcp-us': { directory: 'kubernetes/gcp-us', workloads: ['apps/web'] },
    });
    const k8sArtifacts = out.manifest.artifacts.filter((a: any) => a.path.startsWith('kubernetes/')).map((a: any) => [a.path, a.kind]);
    expect(k8sArtifacts).toEqual([
      ['kubernetes/aws-us/backend.api.yaml', 'kubernetes-manifest'],
      ['kubernetes/aws-us/kustomization.yaml', 'kustomization'],
      ['kubernetes/aws-us/namespaces.yaml', 'kubernetes-manifest'],
      ['kubernetes/aws-us/web.yaml', 'kubernetes-manifest'],
      ['kubernetes/gcp-us/kustomization.yaml', 'kustomization'],
      ['kubernetes/gcp-us/namespaces.yaml', 'kubernetes-manifest'],
      ['kubernetes/gcp-us/web.yaml', 'kubernetes-manifest'],
    ]);
    expect(Object.keys(byKind).sort()).toEqual(['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
  });

  test('pods are hardened: restricted security context, no token, read-only root with /tmp, requests and limits, probes', () => {
    const pod = byKind.Deployment.spec.template.spec;
    expect(pod).toMatchObject({
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      volumes: [{ name: 'tmp', emptyDir: {} }],
      topologySpreadConstraints: [{ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1 }],
    });
    expect(pod.containers[0]).toMatchObject({
      image: 'ghcr.io/acme/web:1.4.2',
      imagePullPolicy: 'IfNotPresent',
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '250m', memory: '256Mi' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      env: [{ name: 'LOG_LEVEL', value: 'info' }],
    });
    expect(byKind.ServiceAccount.automountServiceAccountToken).toBe(false);
  });

  test.each(['v1.30', 'v1.33', 'v1.37'])('every emitted pod template passes Pod Security restricted %s', version => {
    const files = out.manifest.artifacts.filter((a: any) => a.kind === 'kubernetes-manifest').map((a: any) => a.path);
    const objects: any[] = files.flatMap((f: string) => objectsIn(out.outdir, f));
    const templates = objects.filter(o => o.kind === 'Deployment');
    expect(templates).toHaveLength(3);
    for (const obj of objects) expect(evaluateObject(obj, PodSecurityLevel.RESTRICTED, version)).toEqual([]);
  });

  test('default-deny NetworkPolicy with DNS, declared egress and declared ingress', () => {
    expect(byKind.NetworkPolicy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(byKind.NetworkPolicy.spec.ingress).toEqual([]);
    expect(byKind.NetworkPolicy.spec.egress).toEqual([
      expect.objectContaining({ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }),
      { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] },
    ]);
    const api = objectsIn(out.outdir, 'kubernetes/aws-us/backend.api.yaml').find(o => o.kind === 'NetworkPolicy');
    expect(api.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  test('every object carries app.kubernetes.io labels and the fleet labels; every namespace (the fleet default too) enforces, warns and audits restricted at the cluster version', () => {
    for (const obj of webObjects) {
      expect(obj.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/version': '1.4.2', 'app.kubernetes.io/managed-by': 'cdk-fleet', 'team': 'web' });
    }
    expect(webObjects.every(o => o.metadata.namespace === 'apps')).toBe(true);
    const psa = {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.34',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.34',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.34',
    };
    expect(objectsIn(out.outdir, 'kubernetes/aws-us/namespaces.yaml')).toEqual(['apps', 'backend'].map(name => (
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...psa, team: 'web' } } })));
    expect(byKind.PodDisruptionBudget.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' } } });
  });

  test('kubectl kustomize renders each cluster directory offline', () => {
    for (const cluster of ['aws-us', 'gcp-us']) {
      const rendered = execFileSync('kubectl', ['kustomize', path.join(out.outdir, 'kubernetes', cluster)]).toString();
      const kinds = parseAllDocuments(rendered).map(d => d.toJS().kind);
      expect(kinds).toContain('Deployment');
      expect(kinds.length).toBe(cluster === 'aws-us' ? 12 : 6);
    }
  });
});

describe('Workload bad input', () => {
  const fleet = new Fleet();
  const { eks } = twoClusterFleet(fleet);
  let n = 0;
  const make = (extra: Partial<WorkloadProps>, id = `w${n++}`) => () => new Workload(fleet, id, web([eks], extra));

  test.each<[string, () => void, RegExp]>([
    ['a name that is not DNS-1123', make({}, 'Web_App'), /workload 'fleet\/Web_App': name 'Web_App' is not a DNS-1123 label/],
    ['a malformed memory quantity', make({ resources: { cpu: '250m', memory: '500mi' } }), /memory '500mi' is not a memory quantity; use e.g. '256Mi' or '1Gi' \(binary suffixes are case-sensitive\)/],
    ['a malformed CPU quantity', make({ resources: { cpu: 'half', memory: '1Gi' } }), /cpu 'half' is not a CPU quantity/],
    ['limits below requests', make({ resources: { cpu: '1', memory: '1Gi', memoryLimit: '512Mi' } }), /memoryLimit '512Mi' is below the request '1Gi'; limits must be at least the requests/],
    ['a :latest image', make({ image: 'nginx:latest' }), /image 'nginx:latest' is not pinned; give a version tag other than 'latest'/],
    ['an untagged image', make({ image: 'registry.local:5000/team/app' }), /image 'registry.local:5000\/team\/app' is not pinned/],
    ['a port out of range', make({ port: 70000 }), /port 70000 is out of range; use 1-65535/],
    ['an egress port out of range', make({ allowTo: [{ cidr: '10.0.0.0/8', port: 0 }] }), /allowTo port 0 is out of range/],
    ['the same cluster twice', make({ placement: [eks, eks] }), /placed twice on cluster 'fleet\/aws-us'; list each cluster once/],
    ['no placement', make({ placement: [] }), /placement is empty and there is no clusterSelector; name at least one cluster to run on, or select clusters by label/],
  ])('%s', (_name, act, message) => {
    expect(act).toThrow(message);
  });

  test('a digest-pinned image is accepted', () => {
    expect(make({ image: `ghcr.io/acme/web@sha256:${'a'.repeat(64)}` })()).toBeInstanceOf(Workload);
  });

  test('the same workload name and namespace placed twice on one cluster fails synth', () => {
    const f = new Fleet({ outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wl-')), 'out') });
    const { eks: cluster } = twoClusterFleet(f);
    new Workload(f, 'web', web([cluster]));
    const team = new Construct(f, 'team-b');
    new Workload(team, 'web', web([cluster]));
    expect(() => f.synth()).toThrow(/workload 'fleet\/team-b\/web': 'apps\/web' is already placed on cluster 'aws-us' by 'fleet\/web'/);
  });
});
