import * as fs from 'fs';
import { parse } from 'yaml';
import { PodSecurity, PolicyInput } from '../../lib';
import { POD_SECURITY_RULE_PREFIX } from '../../lib/policy/packs/pod-security-pack';
import * as checker from '../../lib/policy/pod-security/pod-security';
import { listPodSecurityFixtures, PodSecurityFixture, podSecurityFixturesDir } from '../support/conformance';

const FIXTURES = podSecurityFixturesDir();
const fixtures = FIXTURES ? listPodSecurityFixtures(FIXTURES) : [];
const packs = new Map<string, PodSecurity>();
function packFor(level: string, version: string): PodSecurity {
  const key = `${level}/${version}`;
  if (!packs.has(key)) packs.set(key, level === 'baseline' ? PodSecurity.baseline({ version }) : PodSecurity.restricted({ version }));
  return packs.get(key)!;
}

/** Runs the pack (not the checker) over one fixture, as the engine would feed it. */
function misclassification(f: PodSecurityFixture): string | undefined {
  const input: PolicyInput = { terraform: [], kubernetes: [{ file: `fixtures/${f.name}`, constructPath: 'fleet/fixture', object: parse(fs.readFileSync(f.file, 'utf8')) }] };
  const findings = packFor(f.level, f.version).evaluate(input);
  if (f.expectPass) return findings.length === 0 ? undefined : `expected no findings, got ${findings.map(x => x.ruleId).join(', ')}`;
  const wanted = `${POD_SECURITY_RULE_PREFIX}${f.check}`.toLowerCase();
  return findings.some(x => x.ruleId.toLowerCase() === wanted && x.file === `fixtures/${f.name}` && x.jsonPath.length > 0)
    ? undefined : `expected a '${wanted}' finding, got ${findings.map(x => x.ruleId).join(', ') || 'none'}`;
}

(FIXTURES ? describe : describe.skip)('PodSecurity pack over the upstream conformance fixtures', () => {
  test('classifies every fixture of v1.30, v1.33 and v1.37 at both levels', () => {
    const wrong = fixtures.map(f => [f.name, misclassification(f)]).filter(([, why]) => why !== undefined);
    expect(wrong).toEqual([]);
    expect(new Set(fixtures.map(f => f.version))).toEqual(new Set(['v1.30', 'v1.33', 'v1.37']));
    expect(fixtures.length).toBeGreaterThan(300);
    console.log(`PodSecurity pack: ${fixtures.length - wrong.length}/${fixtures.length} conformance fixtures classified correctly`);
  });

  test('every finding names a rule the pack declares', () => {
    const pack = packFor('restricted', 'v1.37');
    const ids = new Set(pack.rules.map(r => r.id));
    const failing = fixtures.filter(f => !f.expectPass && f.level === 'restricted' && f.version === 'v1.37');
    const reported = failing.flatMap(f => pack.evaluate({ terraform: [], kubernetes: [{ file: f.name, constructPath: 'x', object: parse(fs.readFileSync(f.file, 'utf8')) }] }));
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.filter(r => !ids.has(r.ruleId))).toEqual([]);
  });
});

describe('PodSecurity pack', () => {
  const pod = (spec: Record<string, any>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

  test('checks the pod template of every workload kind, with paths into the object', () => {
    const spec = { containers: [{ name: 'c', image: 'x:1', securityContext: { privileged: true } }] };
    const objects = [
      { kind: 'Deployment', spec: { template: { spec } } },
      { kind: 'StatefulSet', spec: { template: { spec } } },
      { kind: 'DaemonSet', spec: { template: { spec } } },
      { kind: 'Job', spec: { template: { spec } } },
      { kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec } } } } },
      pod(spec),
      { kind: 'Service', spec: { ports: [] } },
    ];
    const findings = PodSecurity.baseline({ version: 'v1.33' }).evaluate({
      terraform: [],
      kubernetes: objects.map((object, i) => ({ file: `k/${i}.yaml`, constructPath: `fleet/w${i}`, object })),
    });
    expect(findings.map(f => [f.ruleId, f.file, f.jsonPath])).toEqual([
      ['CKF-PSS-privileged', 'k/0.yaml', 'spec.template.spec.containers[0].securityContext.privileged'],
      ['CKF-PSS-privileged', 'k/1.yaml', 'spec.template.spec.containers[0].securityContext.privileged'],
      ['CKF-PSS-privileged', 'k/2.yaml', 'spec.template.spec.containers[0].securityContext.privileged'],
      ['CKF-PSS-privileged', 'k/3.yaml', 'spec.template.spec.containers[0].securityContext.privileged'],
      ['CKF-PSS-privileged', 'k/4.yaml', 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged'],
      ['CKF-PSS-privileged', 'k/5.yaml', 'spec.containers[0].securityContext.privileged'],
    ]);
  });

  test('an object shared by many entries gives the same findings for each (evaluated once)', () => {
    const shared = pod({ hostNetwork: true, containers: [{ name: 'c', image: 'x:1' }] });
    const kubernetes = Array.from({ length: 1000 }, (_, i) => ({ file: `edge/site-${i}/manifests/app.yaml`, constructPath: `fleet/site-${i}`, object: shared }));
    const spy = jest.spyOn(checker, 'evaluateObject');
    const findings = PodSecurity.baseline().evaluate({ terraform: [], kubernetes });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(findings).toHaveLength(1000);
    expect(findings[999]).toEqual(expect.objectContaining({ ruleId: 'CKF-PSS-hostNamespaces', constructPath: 'fleet/site-999', jsonPath: 'spec.hostNetwork' }));
  });

  test('baseline declares fewer rules than restricted, and a bad version is rejected', () => {
    expect(PodSecurity.baseline().rules.length).toBeLessThan(PodSecurity.restricted().rules.length);
    expect(PodSecurity.restricted({ version: '1.33' }).version).toBe('v1.33');
    expect(() => PodSecurity.restricted({ version: 'newest' })).toThrow(/PodSecurity.restricted: 'newest' is not a Pod Security policy version/);
  });
});

describe('PodSecurity pack memo', () => {
  test('a shared pod spec under per-object metadata is checked once per distinct annotations', () => {
    const spec = { hostPID: true, containers: [{ name: 'c', image: 'x:1' }] };
    const deployment = (site: number, annotations?: Record<string, string>) => ({
      kind: 'Deployment', metadata: { name: 'app', labels: { site: String(site) } }, spec: { template: { metadata: { labels: { site: String(site) }, annotations }, spec } },
    });
    const unconfined = { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' };
    const kubernetes = [deployment(0), deployment(1), deployment(2, unconfined), deployment(3, unconfined)]
      .map((object, i) => ({ file: `edge/site-${i}/manifests/app.yaml`, constructPath: `fleet/site-${i}`, object }));
    const spy = jest.spyOn(checker, 'evaluateObject');
    const findings = PodSecurity.baseline({ version: 'v1.33' }).evaluate({ terraform: [], kubernetes });
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
    expect(findings.map(f => [f.file, f.ruleId])).toEqual([
      ['edge/site-0/manifests/app.yaml', 'CKF-PSS-hostNamespaces'],
      ['edge/site-1/manifests/app.yaml', 'CKF-PSS-hostNamespaces'],
      ['edge/site-2/manifests/app.yaml', 'CKF-PSS-hostNamespaces'],
      ['edge/site-2/manifests/app.yaml', 'CKF-PSS-appArmorProfile'],
      ['edge/site-3/manifests/app.yaml', 'CKF-PSS-hostNamespaces'],
      ['edge/site-3/manifests/app.yaml', 'CKF-PSS-appArmorProfile'],
    ]);
  });
});
