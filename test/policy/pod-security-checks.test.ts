import { PodSecurity } from '../../lib';
import { POD_SECURITY_CHECKS } from '../../lib/policy/pod-security/checks';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluatePodSpec } from '../../lib/policy/pod-security/pod-security';

// The project's own cases for every Pod Security Standards check, written from the
// standard (kubernetes.io "Pod Security Standards"): one pod that breaks exactly that
// control and one that is allowed by the same control. They run on any clone; the
// upstream fixtures (pod-security.test.ts) add hundreds more where they are present.

type Spec = Record<string, any>;

/** A pod that passes restricted at every version. */
function restricted(): Spec {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'app',
      image: 'registry.k8s.io/pause:3.10',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    }],
  };
}

/** `restricted()` with the first container's security context merged with `sc`. */
function container(sc: Spec, extra: Spec = {}): Spec {
  const spec = restricted();
  spec.containers[0] = { ...spec.containers[0], ...extra, securityContext: { ...spec.containers[0].securityContext, ...sc } };
  return spec;
}

/** `restricted()` with pod-level fields merged in (`securityContext` merged too). */
function pod(fields: Spec): Spec {
  const spec = restricted();
  const { securityContext, ...rest } = fields;
  return { ...spec, ...rest, securityContext: { ...spec.securityContext, ...securityContext } };
}

interface Case {
  /** Upstream check id. */
  readonly check: string;
  readonly level: PodSecurityLevel;
  readonly version: string;
  /** Breaks the control. */
  readonly fail: Spec;
  /** Where the finding points. */
  readonly jsonPath: string;
  /** Close to `fail`, but allowed by the control. */
  readonly pass: Spec;
  readonly failMetadata?: Spec;
}

const B = PodSecurityLevel.BASELINE;
const R = PodSecurityLevel.RESTRICTED;
const C0 = 'spec.containers[0]';

const CASES: Case[] = [
  { check: 'privileged', level: B, version: 'v1.30', fail: container({ privileged: true }), jsonPath: `${C0}.securityContext.privileged`, pass: container({ privileged: false }) },
  { check: 'hostNamespaces', level: B, version: 'v1.30', fail: pod({ hostPID: true }), jsonPath: 'spec.hostPID', pass: pod({ hostPID: false }) },
  { check: 'hostNamespaces', level: B, version: 'v1.30', fail: pod({ hostNetwork: true }), jsonPath: 'spec.hostNetwork', pass: pod({ hostNetwork: false }) },
  {
    check: 'hostPorts',
    level: B,
    version: 'v1.30',
    fail: container({}, { ports: [{ containerPort: 8080, hostPort: 8080 }] }),
    jsonPath: `${C0}.ports[0].hostPort`,
    pass: container({}, { ports: [{ containerPort: 8080, hostPort: 0 }] }),
  },
  {
    check: 'hostPathVolumes',
    level: B,
    version: 'v1.30',
    fail: pod({ volumes: [{ name: 'root', hostPath: { path: '/' } }] }),
    jsonPath: 'spec.volumes[0].hostPath',
    pass: pod({ volumes: [{ name: 'scratch', emptyDir: {} }] }),
  },
  {
    check: 'capabilities_baseline',
    level: B,
    version: 'v1.30',
    fail: container({ capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } }),
    jsonPath: `${C0}.securityContext.capabilities.add[0]`,
    pass: container({ capabilities: { drop: ['ALL'], add: ['CHOWN', 'NET_BIND_SERVICE'] } }),
  },
  {
    check: 'seccompProfile_baseline',
    level: B,
    version: 'v1.30',
    fail: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }),
    jsonPath: 'spec.securityContext.seccompProfile.type',
    pass: pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/app.json' } } }),
  },
  {
    check: 'seLinuxOptions',
    level: B,
    version: 'v1.30',
    fail: pod({ securityContext: { seLinuxOptions: { type: 'spc_t' } } }),
    jsonPath: 'spec.securityContext.seLinuxOptions.type',
    pass: pod({ securityContext: { seLinuxOptions: { type: 'container_init_t', level: 's0:c123,c456' } } }),
  },
  { check: 'procMount', level: B, version: 'v1.30', fail: container({ procMount: 'Unmasked' }), jsonPath: `${C0}.securityContext.procMount`, pass: container({ procMount: 'Default' }) },
  {
    check: 'sysctls',
    level: B,
    version: 'v1.30',
    fail: pod({ securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] } }),
    jsonPath: 'spec.securityContext.sysctls[0].name',
    pass: pod({ securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }] } }),
  },
  {
    check: 'appArmorProfile',
    level: B,
    version: 'v1.30',
    fail: container({ appArmorProfile: { type: 'Unconfined' } }),
    jsonPath: `${C0}.securityContext.appArmorProfile.type`,
    pass: container({ appArmorProfile: { type: 'RuntimeDefault' } }),
  },
  {
    check: 'appArmorProfile',
    level: B,
    version: 'v1.30',
    fail: restricted(),
    failMetadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
    jsonPath: "metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']",
    pass: restricted(),
  },
  {
    check: 'windowsHostProcess',
    level: B,
    version: 'v1.30',
    fail: pod({ securityContext: { windowsOptions: { hostProcess: true } } }),
    jsonPath: 'spec.securityContext.windowsOptions.hostProcess',
    pass: pod({ securityContext: { windowsOptions: { hostProcess: false } } }),
  },
  {
    check: 'hostProbesAndHostLifecycle',
    level: B,
    version: 'v1.37',
    fail: container({}, { livenessProbe: { httpGet: { host: '10.0.0.1', path: '/healthz', port: 8080 } } }),
    jsonPath: `${C0}.livenessProbe.httpGet.host`,
    pass: container({}, { livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } }),
  },
  {
    check: 'allowPrivilegeEscalation',
    level: R,
    version: 'v1.30',
    fail: container({ allowPrivilegeEscalation: true }),
    jsonPath: `${C0}.securityContext.allowPrivilegeEscalation`,
    pass: container({ allowPrivilegeEscalation: false }),
  },
  {
    check: 'capabilities_restricted',
    level: R,
    version: 'v1.30',
    fail: container({ capabilities: { drop: ['NET_RAW'] } }),
    jsonPath: `${C0}.securityContext.capabilities.drop`,
    pass: container({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }),
  },
  {
    check: 'seccompProfile_restricted',
    level: R,
    version: 'v1.30',
    fail: { ...restricted(), securityContext: { runAsNonRoot: true } },
    jsonPath: `${C0}.securityContext.seccompProfile.type`,
    pass: { ...container({ seccompProfile: { type: 'RuntimeDefault' } }), securityContext: { runAsNonRoot: true } },
  },
  {
    check: 'procMount_restricted',
    level: R,
    version: 'v1.37',
    fail: { ...container({ procMount: 'Unmasked' }), hostUsers: false },
    jsonPath: `${C0}.securityContext.procMount`,
    pass: { ...container({ procMount: 'Default' }), hostUsers: false },
  },
  {
    check: 'runAsNonRoot',
    level: R,
    version: 'v1.30',
    fail: pod({ securityContext: { runAsNonRoot: false } }),
    jsonPath: 'spec.securityContext.runAsNonRoot',
    pass: { ...container({ runAsNonRoot: true }), securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
  },
  {
    check: 'runAsUser',
    level: R,
    version: 'v1.30',
    fail: container({ runAsUser: 0 }),
    jsonPath: `${C0}.securityContext.runAsUser`,
    pass: container({ runAsUser: 1000 }),
  },
  {
    check: 'restrictedVolumes',
    level: R,
    version: 'v1.30',
    fail: pod({ volumes: [{ name: 'share', nfs: { server: 'nfs.example.com', path: '/exports' } }] }),
    jsonPath: 'spec.volumes[0].nfs',
    pass: pod({ volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'c' } }, { name: 'c', persistentVolumeClaim: { claimName: 'd' } }] }),
  },
];

describe('Pod Security checks (the project\'s own cases, one per control)', () => {
  test('cover every check the checker implements', () => {
    expect([...new Set(CASES.map(c => c.check))].sort()).toEqual(POD_SECURITY_CHECKS.map(c => c.id).sort());
  });

  test.each(CASES.map(c => [`${c.check} (${c.jsonPath})`, c] as const))('%s: the breaking pod is flagged at its path, the allowed one is not', (_name, c) => {
    const findings = evaluatePodSpec(c.fail, c.failMetadata ?? {}, c.level, c.version);
    expect(findings.map(f => [f.check, f.jsonPath])).toContainEqual([c.check, c.jsonPath]);
    expect(findings.filter(f => f.check !== c.check)).toEqual([]);
    expect(evaluatePodSpec(c.pass, {}, c.level, c.version).filter(f => f.check === c.check)).toEqual([]);
  });

  test.each(CASES.map(c => [`${c.check} (${c.jsonPath})`, c] as const))('%s: the PodSecurity pack reports it as CKF-PSS-<check>', (_name, c) => {
    const pack = c.level === B ? PodSecurity.baseline({ version: c.version }) : PodSecurity.restricted({ version: c.version });
    const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...(c.failMetadata ?? {}) }, spec: c.fail };
    const findings = pack.evaluate({ terraform: [], kubernetes: [{ file: 'k/p.yaml', constructPath: 'fleet/p', object }] });
    expect(findings.map(f => [f.ruleId, f.jsonPath])).toContainEqual([`CKF-PSS-${c.check}`, c.jsonPath]);
  });

  test('a baseline control is not a finding at a level below it, a restricted one is not at baseline', () => {
    const runAsRoot = container({ runAsUser: 0 });
    expect(evaluatePodSpec(runAsRoot, {}, B, 'v1.30')).toEqual([]);
    expect(evaluatePodSpec(runAsRoot, {}, R, 'v1.30').map(f => f.check)).toEqual(['runAsUser']);
  });
});
