/**
 * Restricted checks: the hardening rules added on top of baseline.
 */
import { ALLOWED_SECCOMP_TYPES, nonDefaultProcMounts } from './checks-baseline-profiles';
import {
  asArray,
  asObject,
  asString,
  CheckViolation,
  containerSecurityContext,
  isWindowsPod,
  PodContext,
  PodSecurityCheck,
  show,
  usesUserNamespace,
} from './context';
import { isAtLeast, PodSecurityLevel, podSecurityVersion } from './levels';

/** Volume sources the restricted level allows; a volume without any source defaults to emptyDir. */
export const RESTRICTED_ALLOWED_VOLUME_SOURCES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
];

/** From policy v1.25 some restricted checks only apply to pods that are not `spec.os.name: windows`. */
function exemptAsWindowsPod(ctx: PodContext): boolean {
  return isAtLeast(ctx.version, 1, 25) && isWindowsPod(ctx.spec);
}

/** From policy v1.35 the run-as-root checks do not apply to pods in their own user namespace. */
function exemptAsUserNamespacePod(ctx: PodContext): boolean {
  return isAtLeast(ctx.version, 1, 35) && usesUserNamespace(ctx.spec);
}

/** `allowPrivilegeEscalation`: every container must set `allowPrivilegeEscalation: false`. */
export const ALLOW_PRIVILEGE_ESCALATION_CHECK: PodSecurityCheck = {
  id: 'allowPrivilegeEscalation',
  level: PodSecurityLevel.RESTRICTED,
  minVersion: podSecurityVersion(1, 8),
  description: 'Containers must set securityContext.allowPrivilegeEscalation=false (Linux pods only from v1.25).',
  evaluate: ctx => exemptAsWindowsPod(ctx) ? [] : ctx.containers.flatMap(ref => {
    const value = containerSecurityContext(ref)?.allowPrivilegeEscalation;
    if (value === false) return [];
    const what = value === undefined || value === null ? 'does not set securityContext.allowPrivilegeEscalation'
      : `sets securityContext.allowPrivilegeEscalation=${show(value)}`;
    return [{ jsonPath: `${ref.path}.securityContext.allowPrivilegeEscalation`, message: `container "${ref.name}" ${what}; allowed: false` }];
  }),
};

/** `capabilities_restricted`: containers must drop ALL and may add back only NET_BIND_SERVICE. */
export const CAPABILITIES_RESTRICTED_CHECK: PodSecurityCheck = {
  id: 'capabilities_restricted',
  level: PodSecurityLevel.RESTRICTED,
  minVersion: podSecurityVersion(1, 22),
  description: 'Containers must drop ALL capabilities and may only add NET_BIND_SERVICE (Linux pods only from v1.25).',
  evaluate: ctx => exemptAsWindowsPod(ctx) ? [] : ctx.containers.flatMap(ref => {
    const capabilities = asObject(containerSecurityContext(ref)?.capabilities);
    const found: CheckViolation[] = [];
    if (!asArray(capabilities?.drop).includes('ALL')) {
      found.push({
        jsonPath: `${ref.path}.securityContext.capabilities.drop`,
        message: `container "${ref.name}" does not drop "ALL" in securityContext.capabilities.drop; allowed: any list that includes "ALL"`,
      });
    }
    asArray(capabilities?.add).forEach((capability, index) => {
      if (capability === 'NET_BIND_SERVICE') return;
      found.push({
        jsonPath: `${ref.path}.securityContext.capabilities.add[${index}]`,
        message: `container "${ref.name}" adds capability ${show(capability)}; allowed: NET_BIND_SERVICE only`,
      });
    });
    return found;
  }),
};

/** `seccompProfile_restricted`: a RuntimeDefault or Localhost seccomp profile must be set for every container. */
export const SECCOMP_PROFILE_RESTRICTED_CHECK: PodSecurityCheck = {
  id: 'seccompProfile_restricted',
  level: PodSecurityLevel.RESTRICTED,
  minVersion: podSecurityVersion(1, 19),
  description: 'seccompProfile.type must be RuntimeDefault or Localhost at pod level or on every container (Linux pods only from v1.25).',
  evaluate: ctx => {
    if (exemptAsWindowsPod(ctx)) return [];
    const allowed = 'allowed: RuntimeDefault or Localhost';
    const found: CheckViolation[] = [];
    const podProfile = asObject(ctx.podSecurityContext?.seccompProfile);
    const podType = asString(podProfile?.type);
    const podValid = podType !== undefined && ALLOWED_SECCOMP_TYPES.includes(podType);
    if (podProfile && !podValid) {
      found.push({
        jsonPath: `${ctx.specPath}.securityContext.seccompProfile.type`,
        message: `pod sets securityContext.seccompProfile.type=${show(podProfile.type)}; ${allowed}`,
      });
    }
    for (const ref of ctx.containers) {
      const profile = asObject(containerSecurityContext(ref)?.seccompProfile);
      const type = asString(profile?.type);
      if (profile && (type === undefined || !ALLOWED_SECCOMP_TYPES.includes(type))) {
        found.push({
          jsonPath: `${ref.path}.securityContext.seccompProfile.type`,
          message: `container "${ref.name}" sets securityContext.seccompProfile.type=${show(profile.type)}; ${allowed}`,
        });
      } else if (!profile && !podValid) {
        found.push({
          jsonPath: `${ref.path}.securityContext.seccompProfile.type`,
          message: `neither the pod nor container "${ref.name}" sets securityContext.seccompProfile.type; ${allowed}`,
        });
      }
    }
    return found;
  },
};

/** `procMount_restricted` (v1.35+): the default /proc masks are required even in a user namespace. */
export const PROC_MOUNT_RESTRICTED_CHECK: PodSecurityCheck = {
  id: 'procMount_restricted',
  level: PodSecurityLevel.RESTRICTED,
  minVersion: podSecurityVersion(1, 35),
  description: 'securityContext.procMount must be Default or unset, also for pods with hostUsers: false.',
  evaluate: ctx => nonDefaultProcMounts(ctx, 'Default or unset (also when spec.hostUsers is false)'),
};

/** `runAsNonRoot`: containers must run as non-root (not enforced for user-namespace pods from v1.35). */
export const RUN_AS_NON_ROOT_CHECK: PodSecurityCheck = {
  id: 'runAsNonRoot',
  level: PodSecurityLevel.RESTRICTED,
  minVersion: podSecurityVersion(1, 0),
  description: 'runAsNonRoot must be true at pod level or on every container (not enforced with hostUsers: false from v1.35).',
  evaluate: ctx => {
    if (exemptAsUserNamespacePod(ctx)) return [];
    const found: CheckViolation[] = [];
    const podValue = ctx.podSecurityContext?.runAsNonRoot;
    if (podValue === false) {
      found.push({
        jsonPath: `${ctx.specPath}.securityContext.runAsNonRoot`,
        message: 'pod sets securityContext.runAsNonRoot=false; allowed: true',
      });
    }
    for (const ref of ctx.containers) {
      const value = containerSecurityContext(ref)?.runAsNonRoot;
      if (typeof value === 'boolean' ? value : podValue === true) continue;
      found.push({
        jsonPath: `${ref.path}.securityContext.runAsNonRoot`,
        message: typeof value === 'boolean'
          ? `container "${ref.name}" sets securityContext.runAsNonRoot=false; allowed: true`
          : `neither the pod nor container "${ref.name}" sets securityContext.runAsNonRoot=true; allowed: true`,
      });
    }
    return found;
  },
};

/** `runAsUser` (v1.23+): nothing may set runAsUser to 0 (not enforced for user-namespace pods from v1.35). */
export const RUN_AS_USER_CHECK: PodSecurityCheck = {
  id: 'runAsUser',
  level: PodSecurityLevel.RESTRICTED,
  minVersion: podSecurityVersion(1, 23),
  description: 'runAsUser must not be 0 (not enforced with hostUsers: false from v1.35).',
  evaluate: ctx => {
    if (exemptAsUserNamespacePod(ctx)) return [];
    const owners = [
      { who: 'pod', path: `${ctx.specPath}.securityContext`, value: ctx.podSecurityContext?.runAsUser },
      ...ctx.containers.map(ref => ({
        who: `container "${ref.name}"`, path: `${ref.path}.securityContext`, value: containerSecurityContext(ref)?.runAsUser,
      })),
    ];
    return owners.filter(o => o.value === 0).map(o => ({
      jsonPath: `${o.path}.runAsUser`,
      message: `${o.who} sets securityContext.runAsUser=0; allowed: any non-zero value, or unset`,
    }));
  },
};

/** `restrictedVolumes`: only core volume types (and PVCs/CSI/ephemeral/image) are allowed. */
export const RESTRICTED_VOLUMES_CHECK: PodSecurityCheck = {
  id: 'restrictedVolumes',
  level: PodSecurityLevel.RESTRICTED,
  minVersion: podSecurityVersion(1, 0),
  description: `Volumes must be one of: ${RESTRICTED_ALLOWED_VOLUME_SOURCES.join(', ')}.`,
  evaluate: ctx => asArray(ctx.spec.volumes).flatMap((value, index) => {
    const volume = asObject(value);
    if (!volume) return [];
    return Object.keys(volume)
      .filter(key => key !== 'name' && volume[key] !== undefined && volume[key] !== null && !RESTRICTED_ALLOWED_VOLUME_SOURCES.includes(key))
      .map(key => ({
        jsonPath: `${ctx.specPath}.volumes[${index}].${key}`,
        message: `volume ${show(volume.name)} uses volume type ${key}; allowed: ${RESTRICTED_ALLOWED_VOLUME_SOURCES.join(', ')}`,
      }));
  }),
};
