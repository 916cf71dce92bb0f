/**
 * The registry of Pod Security Standards checks, by upstream id.
 */
import {
  CAPABILITIES_BASELINE_CHECK,
  HOST_NAMESPACES_CHECK,
  HOST_PATH_VOLUMES_CHECK,
  HOST_PORTS_CHECK,
  HOST_PROBES_AND_HOST_LIFECYCLE_CHECK,
  PRIVILEGED_CHECK,
  WINDOWS_HOST_PROCESS_CHECK,
} from './checks-baseline-host';
import {
  APP_ARMOR_PROFILE_CHECK,
  PROC_MOUNT_CHECK,
  SE_LINUX_OPTIONS_CHECK,
  SECCOMP_PROFILE_BASELINE_CHECK,
  SYSCTLS_CHECK,
} from './checks-baseline-profiles';
import {
  ALLOW_PRIVILEGE_ESCALATION_CHECK,
  CAPABILITIES_RESTRICTED_CHECK,
  PROC_MOUNT_RESTRICTED_CHECK,
  RESTRICTED_VOLUMES_CHECK,
  RUN_AS_NON_ROOT_CHECK,
  RUN_AS_USER_CHECK,
  SECCOMP_PROFILE_RESTRICTED_CHECK,
} from './checks-restricted';
import { PodSecurityCheck } from './context';
import { isAtLeast, levelIncludes, PodSecurityLevel, PodSecurityVersion } from './levels';

/**
 * Every check, baseline first. Restricted runs all of them: unlike upstream's
 * admission plugin, baseline checks are not hidden behind the restricted check
 * that supersedes them, so each violation is reported under the control it breaks.
 */
export const POD_SECURITY_CHECKS: readonly PodSecurityCheck[] = [
  PRIVILEGED_CHECK,
  HOST_NAMESPACES_CHECK,
  HOST_PORTS_CHECK,
  HOST_PATH_VOLUMES_CHECK,
  CAPABILITIES_BASELINE_CHECK,
  SECCOMP_PROFILE_BASELINE_CHECK,
  SE_LINUX_OPTIONS_CHECK,
  PROC_MOUNT_CHECK,
  SYSCTLS_CHECK,
  APP_ARMOR_PROFILE_CHECK,
  WINDOWS_HOST_PROCESS_CHECK,
  HOST_PROBES_AND_HOST_LIFECYCLE_CHECK,
  ALLOW_PRIVILEGE_ESCALATION_CHECK,
  CAPABILITIES_RESTRICTED_CHECK,
  SECCOMP_PROFILE_RESTRICTED_CHECK,
  PROC_MOUNT_RESTRICTED_CHECK,
  RUN_AS_NON_ROOT_CHECK,
  RUN_AS_USER_CHECK,
  RESTRICTED_VOLUMES_CHECK,
];

/** The checks that apply at `level` and `version`. */
export function checksFor(level: PodSecurityLevel, version: PodSecurityVersion): PodSecurityCheck[] {
  return POD_SECURITY_CHECKS.filter(c => levelIncludes(level, c.level) && isAtLeast(version, c.minVersion.major, c.minVersion.minor));
}

/** A check by its upstream id (case-insensitive), or undefined. */
export function findPodSecurityCheck(id: string): PodSecurityCheck | undefined {
  const wanted = id.toLowerCase();
  return POD_SECURITY_CHECKS.find(c => c.id.toLowerCase() === wanted);
}
