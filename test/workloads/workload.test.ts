import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { EksCluster, Fleet, GkeCluster, Workload, WorkloadProps } from '../../lib';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { Synthesized, synthFleet } from '../support/synth';
import { testWithTool } from '../support/tools';

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
  let out: Synthesized;
  let webObjects: any[];
  let byKind: any;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const { eks, gke } = twoClusterFleet(fleet);
      new Workload(fleet, 'web', web([eks, gke], { allowTo: [{ cidr: '203.0.113.0/24', port: 443 }], env: { LOG_LEVEL: 'info' } }));
      new Workload(fleet, 'api', web([eks], { image: 'ghcr.io/acme/api:2.0.0', namespace: 'backend', replicas: 3 }));
    }, { tags: { team: 'web' } });
    webObjects = objectsIn(out.outdir, 'kubernetes/aws-us/web.yaml');
    byKind = Object.fromEntries(webObjects.map(o => [o.kind, o]));
  });

  test('renders each placed workload per cluster with a kustomization, listed in the manifest', () => {
    expect(out.manifest.kubernetes).toEqual({
      'aws-us': { directory: 'kubernetes/aws-us', workloads: ['backend/api', 'default/web'] },
      'gcp-us': { directory: 'kubernetes/gcp-us', workloads: ['default/web'] },
    });
    const k8sArtifacts = out.manifest.artifacts.filter((a: any) => a.path.startsWith('kubernetes/')).map((a: any) => [a.path, a.kind]);
    expect(k8sArtifacts).toEqual([
      ['kubernetes/aws-us/backend.api.yaml', 'kubernetes-manifest'],
      ['kubernetes/aws-us/kustomization.yaml', 'kustomization'],
      ['kubernetes/aws-us/namespaces.yaml', 'kubernetes-manifest'],
      ['kubernetes/aws-us/web.yaml', 'kubernetes-manifest'],
      ['kubernetes/gcp-us/kustomization.yaml', 'kustomization'],
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
  });

  test('connections are two-sided: the callee lets the caller in, the caller\'s default-deny egress lets it out', () => {
    const conn = synthFleet(fleet => {
      const { eks } = twoClusterFleet(fleet);
      new Workload(fleet, 'api', web([eks], { namespace: 'backend', allowFrom: ['worker'] }));
      new Workload(fleet, 'worker', web([eks], { namespace: 'backend', port: 9090 }));
      new Workload(fleet, 'web', web([eks]));
    });
    const policy = (file: string) => objectsIn(conn.outdir, `kubernetes/aws-us/${file}`).find(o => o.kind === 'NetworkPolicy');
    const toPod = (rule: any) => rule.to?.[0]?.podSelector?.matchLabels?.['app.kubernetes.io/name'];
    expect(policy('backend.api.yaml').spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'worker' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(policy('backend.worker.yaml').spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } }], ports: [{ port: 8080, protocol: 'TCP' }] });
    expect(policy('backend.worker.yaml').spec.ingress).toEqual([]);
    // web (another namespace) is not a caller of api: no egress rule to it; api calls nobody.
    expect(policy('web.yaml').spec.egress.filter(toPod).map(toPod)).toEqual([]);
    expect(policy('backend.api.yaml').spec.egress.filter(toPod).map(toPod)).toEqual([]);
  });

  test('allowFrom naming no workload of the namespace fails synth', () => {
    const fleet = new Fleet({ outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'conn-')), 'out') });
    const { eks } = twoClusterFleet(fleet);
    new Workload(fleet, 'web', web([eks]));
    new Workload(fleet, 'api', web([eks], { namespace: 'backend', allowFrom: ['web'] }));
    expect(() => fleet.synth()).toThrow("workload 'fleet/api': allowFrom 'web' matches no workload in namespace 'backend' of the fleet; workloads there: none");
  });

  test('every object carries app.kubernetes.io labels and the fleet labels; namespaces enforce restricted', () => {
    for (const obj of webObjects) {
      expect(obj.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/version': '1.4.2', 'app.kubernetes.io/managed-by': 'cdk-fleet', 'team': 'web' });
    }
    expect(objectsIn(out.outdir, 'kubernetes/aws-us/namespaces.yaml')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'backend', labels: expect.objectContaining({ 'pod-security.kubernetes.io/enforce': 'restricted', 'team': 'web' }) } },
    ]);
    expect(byKind.PodDisruptionBudget.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' } } });
  });

  testWithTool('kubectl')('kubectl kustomize renders each cluster directory offline', () => {
    for (const cluster of ['aws-us', 'gcp-us']) {
      const rendered = execFileSync('kubectl', ['kustomize', path.join(out.outdir, 'kubernetes', cluster)]).toString();
      const kinds = parseAllDocuments(rendered).map(d => d.toJS().kind);
      expect(kinds).toContain('Deployment');
      expect(kinds.length).toBe(cluster === 'aws-us' ? 11 : 5);
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
    expect(() => f.synth()).toThrow(/workload 'fleet\/team-b\/web': 'default\/web' is already placed on cluster 'aws-us' by 'fleet\/web'/);
  });
});
