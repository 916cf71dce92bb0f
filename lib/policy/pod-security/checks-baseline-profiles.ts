/**
 * Baseline checks about kernel security profiles and knobs: seccomp, SELinux,
 * AppArmor, /proc mount type and sysctls.
 */
import {
  annotationPath,
  asArray,
  asObject,
  asString,
  CheckViolation,
  containerSecurityContext,
  JsonObject,
  PodContext,
  PodSecurityCheck,
  show,
  usesUserNamespace,
} from './context';
import { isAtLeast, PodSecurityLevel, podSecurityVersion } from './levels';

/** Seccomp profile types allowed wherever a profile is set. */
export const ALLOWED_SECCOMP_TYPES: readonly string[] = ['RuntimeDefault', 'Localhost'];

/** Pod-level seccomp annotation (policy versions before v1.19). */
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
/** Per-container seccomp annotation prefix (policy versions before v1.19). */
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
/** Per-container AppArmor annotation prefix (deprecated, still checked). */
export const APPARMOR_CONTAINER_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** A `securityContext` owner: the pod or one container. */
interface SecurityContextOwner {
  /** `pod` or `container "name"`, for messages. */
  readonly who: string;
  /** Path of the owner's securityContext. */
  readonly path: string;
  readonly securityContext?: JsonObject;
}

/** The pod's securityContext followed by every container's. */
function securityContextOwners(ctx: PodContext): SecurityContextOwner[] {
  return [
    { who: 'pod', path: `${ctx.specPath}.securityContext`, securityContext: ctx.podSecurityContext },
    ...ctx.containers.map(ref => ({
      who: `container "${ref.name}"`,
      path: `${ref.path}.securityContext`,
      securityContext: containerSecurityContext(ref),
    })),
  ];
}

/** True when `profile` (a seccompProfile or appArmorProfile object) is set with a type outside `allowed`. */
function badProfileType(profile: JsonObject | undefined, allowed: readonly string[]): boolean {
  return profile !== undefined && !allowed.includes(asString(profile.type) ?? '');
}

function seccompAnnotationAllowed(value: unknown): boolean {
  return value === 'runtime/default' || value === 'docker/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

/** `seccompProfile_baseline`: seccomp must not be explicitly Unconfined (annotations before v1.19, fields from v1.19). */
export const SECCOMP_PROFILE_BASELINE_CHECK: PodSecurityCheck = {
  id: 'seccompProfile_baseline',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'A seccomp profile, when set, must be RuntimeDefault or Localhost.',
  evaluate: ctx => {
    const annotations = asObject(ctx.metadata.annotations) ?? {};
    if (!isAtLeast(ctx.version, 1, 19)) {
      const keys = [SECCOMP_POD_ANNOTATION, ...ctx.containers.map(ref => SECCOMP_CONTAINER_ANNOTATION_PREFIX + ref.name)];
      return keys.flatMap(key => key in annotations && !seccompAnnotationAllowed(annotations[key])
        ? [{
          jsonPath: annotationPath(ctx, key),
          message: `annotation ${key}=${show(annotations[key])} is forbidden; allowed: runtime/default, docker/default, localhost/*, or unset`,
        }]
        : []);
    }
    return securityContextOwners(ctx).flatMap(owner => {
      const profile = asObject(owner.securityContext?.seccompProfile);
      return badProfileType(profile, ALLOWED_SECCOMP_TYPES)
        ? [{
          jsonPath: `${owner.path}.seccompProfile.type`,
          message: `${owner.who} sets securityContext.seccompProfile.type=${show(profile?.type)}; allowed: RuntimeDefault, Localhost, or unset`,
        }]
        : [];
    });
  },
};

/** SELinux types baseline allows at `version`. */
export function allowedSeLinuxTypes(ctx: PodContext): readonly string[] {
  const types = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
  return isAtLeast(ctx.version, 1, 31) ? [...types, 'container_engine_t'] : types;
}

/** `seLinuxOptions`: the SELinux type is restricted and a custom user or role is forbidden. */
export const SE_LINUX_OPTIONS_CHECK: PodSecurityCheck = {
  id: 'seLinuxOptions',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'seLinuxOptions.type must be a container type; seLinuxOptions.user and .role must be unset.',
  evaluate: ctx => {
    const types = allowedSeLinuxTypes(ctx);
    return securityContextOwners(ctx).flatMap(owner => {
      const options = asObject(owner.securityContext?.seLinuxOptions);
      if (!options) return [];
      const found: CheckViolation[] = [];
      const type = options.type ?? '';
      if (typeof type !== 'string' || !types.includes(type)) {
        found.push({
          jsonPath: `${owner.path}.seLinuxOptions.type`,
          message: `${owner.who} sets securityContext.seLinuxOptions.type=${show(type)}; allowed: ${types.filter(t => t).join(', ')}, or unset`,
        });
      }
      for (const field of ['user', 'role']) {
        const value = options[field];
        if (value !== undefined && value !== null && value !== '') {
          found.push({
            jsonPath: `${owner.path}.seLinuxOptions.${field}`,
            message: `${owner.who} sets securityContext.seLinuxOptions.${field}=${show(value)}; allowed: unset`,
          });
        }
      }
      return found;
    });
  },
};

/** Containers whose `securityContext.procMount` is set to anything but `Default`. */
export function nonDefaultProcMounts(ctx: PodContext, allowed: string): CheckViolation[] {
  return ctx.containers.flatMap(ref => {
    const procMount = containerSecurityContext(ref)?.procMount;
    if (procMount === undefined || procMount === null || procMount === 'Default') return [];
    return [{
      jsonPath: `${ref.path}.securityContext.procMount`,
      message: `container "${ref.name}" sets securityContext.procMount=${show(procMount)}; allowed: ${allowed}`,
    }];
  });
}

/** `procMount`: the default /proc masks are required (from v1.35 not for pods with `hostUsers: false`). */
export const PROC_MOUNT_CHECK: PodSecurityCheck = {
  id: 'procMount',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'securityContext.procMount must be Default or unset (any value is allowed in a user namespace from v1.35).',
  evaluate: ctx => {
    const relaxed = isAtLeast(ctx.version, 1, 35);
    if (relaxed && usesUserNamespace(ctx.spec)) return [];
    return nonDefaultProcMounts(ctx, relaxed ? 'Default or unset (any value when spec.hostUsers is false)' : 'Default or unset');
  },
};

/** Sysctls and the policy version from which each is considered safe. */
const SAFE_SYSCTLS: ReadonlyArray<readonly [string, number]> = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
  ['net.ipv4.tcp_slow_start_after_idle', 37],
  ['net.ipv4.tcp_notsent_lowat', 37],
];

/** The safe sysctls at the context's policy version. */
export function allowedSysctls(ctx: PodContext): readonly string[] {
  return SAFE_SYSCTLS.filter(([, minor]) => isAtLeast(ctx.version, 1, minor)).map(([name]) => name);
}

/** `sysctls`: only namespaced, isolated ("safe") sysctls may be set. */
export const SYSCTLS_CHECK: PodSecurityCheck = {
  id: 'sysctls',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'Only the safe sysctls of the policy version may be set in spec.securityContext.sysctls.',
  evaluate: ctx => {
    const sysctls = asArray(ctx.podSecurityContext?.sysctls);
    if (sysctls.length === 0) return [];
    const allowed = allowedSysctls(ctx);
    return sysctls.flatMap((sysctl, index) => {
      const name = asObject(sysctl)?.name;
      if (typeof name === 'string' && allowed.includes(name)) return [];
      return [{
        jsonPath: `${ctx.specPath}.securityContext.sysctls[${index}].name`,
        message: `pod sets sysctl ${show(name)}; allowed: ${allowed.join(', ')}`,
      }];
    });
  },
};

function appArmorAnnotationAllowed(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === 'runtime/default'
    || (typeof value === 'string' && value.startsWith('localhost/'));
}

/** `appArmorProfile`: AppArmor must not be disabled (field and deprecated annotation). */
export const APP_ARMOR_PROFILE_CHECK: PodSecurityCheck = {
  id: 'appArmorProfile',
  level: PodSecurityLevel.BASELINE,
  minVersion: podSecurityVersion(1, 0),
  description: 'AppArmor profiles must be RuntimeDefault or Localhost (annotations: runtime/default or localhost/*).',
  evaluate: ctx => {
    const annotations = asObject(ctx.metadata.annotations) ?? {};
    const fromAnnotations = Object.keys(annotations)
      .filter(key => key.startsWith(APPARMOR_CONTAINER_ANNOTATION_PREFIX) && !appArmorAnnotationAllowed(annotations[key]))
      .sort()
      .map(key => ({
        jsonPath: annotationPath(ctx, key),
        message: `annotation ${key}=${show(annotations[key])} is forbidden; allowed: runtime/default, localhost/*, or unset`,
      }));
    const fromFields = securityContextOwners(ctx).flatMap(owner => {
      const profile = asObject(owner.securityContext?.appArmorProfile);
      return badProfileType(profile, ['RuntimeDefault', 'Localhost'])
        ? [{
          jsonPath: `${owner.path}.appArmorProfile.type`,
          message: `${owner.who} sets securityContext.appArmorProfile.type=${show(profile?.type)}; allowed: RuntimeDefault, Localhost, or unset`,
        }]
        : [];
    });
    return [...fromAnnotations, ...fromFields];
  },
};
