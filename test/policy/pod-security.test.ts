import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { POD_SECURITY_CHECKS } from '../../lib/policy/pod-security/checks';
import { parsePodSecurityVersion, PodSecurityLevel, SUPPORTED_POD_SECURITY_VERSIONS } from '../../lib/policy/pod-security/levels';
import { evaluateObject, evaluatePodSpec, findPodTemplate, PodSecurityFinding } from '../../lib/policy/pod-security/pod-security';
import { listPodSecurityFixtures, PodSecurityFixture, podSecurityFixturesDir } from '../support/conformance';

const FIXTURES = podSecurityFixturesDir();

/** Number of .yaml files under the fixture folder, counted independently of listFixtures. */
function countYamlFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true })
    .reduce((n, e) => n + (e.isDirectory() ? countYamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? 1 : 0), 0);
}

/** Why the fixture is misclassified, or undefined when it is classified correctly. */
function misclassification(fixture: PodSecurityFixture): string | undefined {
  const pod = parse(fs.readFileSync(fixture.file, 'utf8'));
  const findings = evaluatePodSpec(pod.spec, pod.metadata, fixture.level as PodSecurityLevel, fixture.version);
  if (fixture.expectPass) {
    return findings.length === 0 ? undefined : `expected no findings, got ${JSON.stringify(findings, undefined, 2)}`;
  }
  if (findings.some(f => f.check.toLowerCase() === fixture.check)) return undefined;
  return `expected a '${fixture.check}' finding, got ${JSON.stringify(findings, undefined, 2)}`;
}

const fixtures = FIXTURES ? listPodSecurityFixtures(FIXTURES) : [];

(FIXTURES ? describe : describe.skip)('Pod Security Standards conformance fixtures (upstream, outside the repository)', () => {
  test.each(fixtures.map(f => [f.name, f] as const))('%s', (_name, fixture) => {
    expect(misclassification(fixture)).toBeUndefined();
  });

  test('every fixture is classified correctly', () => {
    const yamlFiles = countYamlFiles(FIXTURES!);
    const wrong = fixtures.filter(f => misclassification(f) !== undefined).map(f => f.name);
    expect(wrong).toEqual([]);
    expect(fixtures.length).toBe(yamlFiles);
    expect(fixtures.length).toBeGreaterThan(300);

    const summary = new Map<string, { pass: number; fail: number }>();
    for (const f of fixtures) {
      const key = `${f.level} ${f.version}`;
      const entry = summary.get(key) ?? { pass: 0, fail: 0 };
      if (f.expectPass) entry.pass++; else entry.fail++;
      summary.set(key, entry);
    }
    const lines = [...summary].map(([key, n]) => `  ${key}: ${n.pass} pass + ${n.fail} fail`);
    console.log(`PSS conformance: ${fixtures.length - wrong.length} fixtures classified correctly\n${lines.join('\n')}`);
  });

  test('every fixture check prefix names a known check', () => {
    const ids = new Set(POD_SECURITY_CHECKS.map(c => c.id.toLowerCase()));
    const unknown = fixtures.filter(f => !f.expectPass && !ids.has(f.check)).map(f => f.name);
    expect(unknown).toEqual([]);
  });
});

const restrictedPodSpec = () => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{
    name: 'app',
    image: 'registry.k8s.io/pause',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  }],
});

function checksOf(findings: PodSecurityFinding[]): string[] {
  return [...new Set(findings.map(f => f.check))].sort();
}

describe('evaluateObject', () => {
  test('finds the pod template of a Deployment and prefixes paths', () => {
    const spec = restrictedPodSpec();
    spec.containers[0].securityContext = { ...spec.containers[0].securityContext, privileged: true } as typeof spec.containers[0]['securityContext'];
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec } },
    };
    const findings = evaluateObject(deployment, PodSecurityLevel.RESTRICTED, 'v1.37');
    expect(findings).toEqual([{
      check: 'privileged',
      level: PodSecurityLevel.BASELINE,
      jsonPath: 'spec.template.spec.containers[0].securityContext.privileged',
      message: expect.stringContaining('privileged=true'),
    }]);
  });

  test('finds the pod template of a CronJob, including template annotations', () => {
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: {
            template: {
              metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
              spec: { ...restrictedPodSpec(), restartPolicy: 'OnFailure', hostNetwork: true },
            },
          },
        },
      },
    };
    const findings = evaluateObject(cronJob, PodSecurityLevel.BASELINE, 'v1.33');
    expect(findings.map(f => [f.check, f.jsonPath])).toEqual([
      ['hostNamespaces', 'spec.jobTemplate.spec.template.spec.hostNetwork'],
      ['appArmorProfile', "spec.jobTemplate.spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']"],
    ]);
    expect(findPodTemplate(cronJob)?.specPath).toBe('spec.jobTemplate.spec.template.spec');
  });

  test('evaluates a bare Pod with paths at spec', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const findings = evaluateObject(pod, PodSecurityLevel.RESTRICTED, 'latest');
    expect(checksOf(findings)).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
    expect(findings.every(f => f.jsonPath.startsWith('spec.containers[0].securityContext.'))).toBe(true);
    expect(evaluateObject(pod, PodSecurityLevel.BASELINE, 'latest')).toEqual([]);
  });

  test('kinds without a pod template give no findings', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { hostNetwork: 'true' } };
    expect(evaluateObject(configMap, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
    expect(evaluateObject({ kind: 'Service', spec: { ports: [] } }, PodSecurityLevel.BASELINE, 'v1.30')).toEqual([]);
  });
});

describe('versioned rules', () => {
  const withSysctl = (name: string) => ({ ...restrictedPodSpec(), securityContext: { ...restrictedPodSpec().securityContext, sysctls: [{ name, value: '1' }] } });

  test('the sysctl allow-list grows with the policy version', () => {
    expect(checksOf(evaluatePodSpec(withSysctl('net.ipv4.tcp_rmem'), {}, PodSecurityLevel.BASELINE, 'v1.31'))).toEqual(['sysctls']);
    expect(evaluatePodSpec(withSysctl('net.ipv4.tcp_rmem'), {}, PodSecurityLevel.BASELINE, 'v1.32')).toEqual([]);
    expect(checksOf(evaluatePodSpec(withSysctl('net.ipv4.tcp_notsent_lowat'), {}, PodSecurityLevel.BASELINE, 'v1.36'))).toEqual(['sysctls']);
    expect(evaluatePodSpec(withSysctl('net.ipv4.tcp_notsent_lowat'), {}, PodSecurityLevel.BASELINE, 'v1.37')).toEqual([]);
  });

  test('container_engine_t is an allowed SELinux type from v1.31', () => {
    const spec = { ...restrictedPodSpec(), securityContext: { ...restrictedPodSpec().securityContext, seLinuxOptions: { type: 'container_engine_t' } } };
    const findings = evaluatePodSpec(spec, {}, PodSecurityLevel.BASELINE, 'v1.30');
    expect(findings.map(f => f.jsonPath)).toEqual(['spec.securityContext.seLinuxOptions.type']);
    expect(evaluatePodSpec(spec, {}, PodSecurityLevel.BASELINE, 'v1.31')).toEqual([]);
  });

  test('user-namespace pods may run as root from v1.35 but never unmask /proc at restricted', () => {
    const spec = {
      ...restrictedPodSpec(),
      hostUsers: false,
      securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
    };
    expect(checksOf(evaluatePodSpec(spec, {}, PodSecurityLevel.RESTRICTED, 'v1.34'))).toEqual(['runAsNonRoot', 'runAsUser']);
    expect(evaluatePodSpec(spec, {}, PodSecurityLevel.RESTRICTED, 'v1.35')).toEqual([]);
  });

  test('restricted Linux-only checks skip Windows pods from v1.25', () => {
    const spec = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'c', image: 'x' }] };
    expect(evaluatePodSpec(spec, {}, PodSecurityLevel.RESTRICTED, 'v1.25')).toEqual([]);
    expect(checksOf(evaluatePodSpec(spec, {}, PodSecurityLevel.RESTRICTED, 'v1.24')))
      .toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
  });

  test('seccomp annotations are checked before v1.19, fields after', () => {
    const metadata = { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } };
    expect(checksOf(evaluatePodSpec({ containers: [{ name: 'c' }] }, metadata, PodSecurityLevel.BASELINE, 'v1.18'))).toEqual(['seccompProfile_baseline']);
    expect(evaluatePodSpec({ containers: [{ name: 'c' }] }, metadata, PodSecurityLevel.BASELINE, 'v1.19')).toEqual([]);
  });

  test('versions parse and malformed ones are rejected', () => {
    expect(SUPPORTED_POD_SECURITY_VERSIONS.map(v => parsePodSecurityVersion(v).minor)).toEqual([30, 33, 37]);
    expect(parsePodSecurityVersion('latest')).toEqual({ major: 1, minor: 37 });
    expect(() => evaluatePodSpec({}, {}, PodSecurityLevel.BASELINE, 'one-point-thirty')).toThrow(/not a Pod Security policy version/);
  });
});
