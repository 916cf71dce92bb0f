import { KubernetesBestPractices, PolicyInput } from '../../lib';
import { secretLookingName, unpinnedImage } from '../../lib/policy/packs/best-practices-containers';
import * as selectors from '../../lib/policy/packs/label-selector';

const pack = KubernetesBestPractices.recommended();
const labels = { app: 'web' };
const goodContainer = () => ({
  name: 'app',
  image: `registry.example/app@sha256:${'d'.repeat(64)}`,
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
  livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
  readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
});
const deployment = (name: string, containers: any[], replicas = 1, ns = 'default') => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: { replicas, template: { metadata: { labels: { app: name } }, spec: { containers } } },
});
const networkPolicy = (podSelector: any, ns = 'default') => ({ kind: 'NetworkPolicy', metadata: { name: 'np', namespace: ns }, spec: { podSelector } });
const pdb = (selector: any) => ({ kind: 'PodDisruptionBudget', metadata: { name: 'pdb', namespace: 'default' }, spec: { maxUnavailable: 1, selector } });

const NAMESPACE_RULES = ['CKF-K8S-010', 'CKF-K8S-011'];

/** Findings as [rule, file, path]; the namespace rules only when asked (`all`), since most inputs here have no Namespace objects. */
function run(objects: Array<[string, any]>, all = false): string[][] {
  const input: PolicyInput = { terraform: [], kubernetes: objects.map(([file, object]) => ({ file, constructPath: `fleet/${object.metadata?.name}`, object })) };
  return pack.evaluate(input).filter(f => all || !NAMESPACE_RULES.includes(f.ruleId)).map(f => [f.ruleId, f.file, f.jsonPath]);
}

const namespace = (name: string, nsLabels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: nsLabels } });
const restricted = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.34' };

describe('KubernetesBestPractices', () => {
  test('a compliant Deployment with NetworkPolicy and PDB has no findings; the default mode is warn', () => {
    expect(run([
      ['k/a/web.yaml', deployment('web', [goodContainer()], 2)],
      ['k/a/web.yaml', networkPolicy({ matchLabels: { app: 'web' } })],
      ['k/a/web.yaml', pdb({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] })],
    ])).toEqual([]);
    expect(pack.mode).toBe('warn');
  });

  test('each container rule reports its own path', () => {
    const c: any = { ...goodContainer(), image: 'nginx', env: [{ name: 'API_KEY', value: 'abc123' }, { name: 'GITHUB_TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 't' } } }] };
    delete c.readinessProbe;
    delete c.resources.requests;
    c.ports = [{ containerPort: 80, hostPort: 80 }];
    expect(run([['k/a/x.yaml', deployment('x', [c])], ['k/a/x.yaml', networkPolicy({})]])).toEqual([
      ['CKF-K8S-001', 'k/a/x.yaml', 'spec.template.spec.containers[0].resources.requests.cpu'],
      ['CKF-K8S-001', 'k/a/x.yaml', 'spec.template.spec.containers[0].resources.requests.memory'],
      ['CKF-K8S-003', 'k/a/x.yaml', 'spec.template.spec.containers[0].readinessProbe'],
      ['CKF-K8S-004', 'k/a/x.yaml', 'spec.template.spec.containers[0].image'],
      ['CKF-K8S-008', 'k/a/x.yaml', 'spec.template.spec.containers[0].env[0].value'],
      ['CKF-K8S-009', 'k/a/x.yaml', 'spec.template.spec.containers[0].ports[0].hostPort'],
    ]);
  });

  test('Jobs and CronJobs need no probes; run-to-completion init containers need no limits', () => {
    const container = { ...goodContainer(), livenessProbe: undefined, readinessProbe: undefined };
    const init = { name: 'migrate', image: container.image };
    const job = { kind: 'Job', metadata: { name: 'j' }, spec: { template: { metadata: { labels: { app: 'j' } }, spec: { initContainers: [init], containers: [container] } } } };
    const cron = { kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: 'c' } }, spec: { containers: [container] } } } } } };
    expect(run([['k/a/j.yaml', job], ['k/a/c.yaml', cron], ['k/a/np.yaml', networkPolicy({})]])).toEqual([]);
  });

  test('a NetworkPolicy covers pods only in its namespace and directory (cluster or edge site)', () => {
    expect(run([
      ['kubernetes/a/web.yaml', deployment('web', [goodContainer()])],
      ['kubernetes/a/api.yaml', deployment('api', [goodContainer()], 1, 'backend')],
      ['kubernetes/b/web.yaml', deployment('web', [goodContainer()])],
      ['kubernetes/a/np.yaml', networkPolicy({ matchLabels: { app: 'web' } })],
      ['kubernetes/a/np2.yaml', networkPolicy({}, 'other')],
    ])).toEqual([
      ['CKF-K8S-006', 'kubernetes/a/api.yaml', 'spec.template.metadata.labels'],
      ['CKF-K8S-006', 'kubernetes/b/web.yaml', 'spec.template.metadata.labels'],
    ]);
  });

  test('a replicated workload without a matching PDB is reported; a single replica is not', () => {
    expect(run([
      ['k/a/web.yaml', deployment('web', [goodContainer()], 3)],
      ['k/a/one.yaml', deployment('one', [goodContainer()], 1)],
      ['k/a/np.yaml', networkPolicy({})],
      ['k/a/pdb.yaml', pdb({ matchLabels: { app: 'other' } })],
    ])).toEqual([['CKF-K8S-007', 'k/a/web.yaml', 'spec.replicas']]);
  });

  test('secret-looking names and unpinned images', () => {
    expect(['DB_PASSWORD', 'API_KEY', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'client-secret'].filter(secretLookingName)).toHaveLength(5);
    expect(['KEYCLOAK_URL', 'TOKEN_FILE', 'LOG_LEVEL', 'SECRET_PATH', 'OTEL_SERVICE_NAME'].filter(secretLookingName)).toEqual([]);
    expect(unpinnedImage('nginx')).toMatch(/has no tag/);
    expect(unpinnedImage('registry:5000/team/app:latest')).toMatch(/mutable :latest/);
    expect(unpinnedImage('registry:5000/team/app')).toMatch(/has no tag/);
    expect(unpinnedImage('ghcr.io/acme/web:1.4.2')).toBeUndefined();
  });

  test('label selectors: matchLabels and every matchExpressions operator', () => {
    expect(selectors.selects({}, labels)).toBe(true);
    expect(selectors.selects(undefined, labels)).toBe(false);
    expect(selectors.selects({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] }, labels)).toBe(true);
    expect(selectors.selects({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selectors.selects({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectors.selects({ matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, labels)).toBe(false);
  });

  test('evaluation stays linear: 1,000 edge sites × 5 workloads match each pod only against its own site', () => {
    const spy = jest.spyOn(selectors, 'selects');
    const objects: Array<[string, any]> = [];
    for (let site = 0; site < 1000; site++) {
      for (let w = 0; w < 5; w++) {
        objects.push([`edge/site-${site}/manifests/w${w}.yaml`, deployment(`w${w}`, [goodContainer()])]);
        objects.push([`edge/site-${site}/manifests/w${w}.yaml`, networkPolicy({ matchLabels: { app: `w${w}` } })]);
      }
    }
    expect(run(objects)).toEqual([]);
    // Each pod is matched against at most the 5 policies of its site: ≤ 5 × 5,000, not 5,000 × 5,000.
    expect(spy.mock.calls.length).toBeLessThanOrEqual(5 * 5000);
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(5000);
    spy.mockRestore();
  });

  test('CKF-K8S-010: pods only in namespaces the same directory writes with a baseline or restricted enforce label', () => {
    const np = networkPolicy({});
    expect(run([
      ['kubernetes/a/namespaces.yaml', namespace('default', restricted)],
      ['kubernetes/a/web.yaml', deployment('web', [goodContainer()])],
      ['kubernetes/a/web.yaml', np],
    ], true)).toEqual([]);
    expect(run([
      // written, but in another cluster's directory
      ['kubernetes/b/namespaces.yaml', namespace('default', restricted)],
      ['kubernetes/a/web.yaml', deployment('web', [goodContainer()])],
      ['kubernetes/a/web.yaml', np],
      // written without enforcement, or privileged
      ['kubernetes/a/namespaces.yaml', namespace('loose', { 'pod-security.kubernetes.io/warn': 'restricted' })],
      ['kubernetes/a/namespaces.yaml', namespace('open', { 'pod-security.kubernetes.io/enforce': 'privileged' })],
      ['kubernetes/a/api.yaml', deployment('api', [goodContainer()], 1, 'open')],
      ['kubernetes/a/api.yaml', networkPolicy({}, 'open')],
    ], true)).toEqual([
      ['CKF-K8S-010', 'kubernetes/a/namespaces.yaml', 'metadata.labels'],
      ['CKF-K8S-010', 'kubernetes/a/namespaces.yaml', 'metadata.labels'],
      ['CKF-K8S-010', 'kubernetes/a/web.yaml', 'metadata.namespace'],
      ['CKF-K8S-010', 'kubernetes/a/api.yaml', 'metadata.namespace'],
    ]);
  });

  test('CKF-K8S-011: once the fleet has teams, every cluster workload carries a team label; edge sites are not asked', () => {
    const team = { ...restricted, 'cdk-fleet.io/team': 'payments' };
    const owned = deployment('pay', [goodContainer()], 1, 'payments');
    owned.metadata = { ...owned.metadata, labels: { 'cdk-fleet.io/team': 'payments' } } as any;
    const base: Array<[string, any]> = [
      ['kubernetes/a/team.payments.yaml', namespace('payments', team)],
      ['kubernetes/a/payments.pay.yaml', owned],
      ['kubernetes/a/payments.pay.yaml', networkPolicy({}, 'payments')],
      ['kubernetes/a/namespaces.yaml', namespace('apps', restricted)],
      ['edge/s1/manifests/addons.yaml', namespace('apps', restricted)],
      ['edge/s1/manifests/workloads.yaml', deployment('kiosk', [goodContainer()], 1, 'apps')],
      ['edge/s1/manifests/workloads.yaml', networkPolicy({}, 'apps')],
    ];
    expect(run(base, true)).toEqual([]);
    expect(run([...base, ['kubernetes/a/web.yaml', deployment('web', [goodContainer()], 1, 'apps')], ['kubernetes/a/web.yaml', networkPolicy({}, 'apps')]], true))
      .toEqual([['CKF-K8S-011', 'kubernetes/a/web.yaml', 'metadata.labels']]);
    // Without teams nobody is asked to join one.
    expect(run([['kubernetes/a/namespaces.yaml', namespace('apps', restricted)], ['kubernetes/a/web.yaml', deployment('web', [goodContainer()], 1, 'apps')],
      ['kubernetes/a/web.yaml', networkPolicy({}, 'apps')]], true)).toEqual([]);
  });
});
