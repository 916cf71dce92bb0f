/**
 * Pod Security Admission namespace labels: what a Namespace object carries so the API
 * server enforces (rejects), warns about and audits pods below a Pod Security level.
 * See https://kubernetes.io/docs/concepts/security/pod-security-admission/ and
 * https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/.
 */
import { formatPodSecurityVersion, parsePodSecurityVersion, PodSecurityLevel } from './levels';

/** Prefix of the Pod Security Admission labels. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

const MODES = ['enforce', 'warn', 'audit'];

/**
 * The labels that make Pod Security Admission enforce, warn and audit `level`,
 * each pinned to `version` (`v1.34`): a pinned version keeps the rules the
 * namespace was checked against when the cluster is upgraded.
 */
export function podSecurityAdmissionLabels(level: PodSecurityLevel, version: string): Record<string, string> {
  const pinned = formatPodSecurityVersion(parsePodSecurityVersion(version));
  const labels: Record<string, string> = {};
  for (const mode of MODES) {
    labels[`${POD_SECURITY_LABEL_PREFIX}${mode}`] = level;
    labels[`${POD_SECURITY_LABEL_PREFIX}${mode}-version`] = pinned;
  }
  return labels;
}

/** The level and version a Namespace's labels enforce, or undefined when they enforce nothing (no label, or `privileged`). */
export function enforcedPodSecurity(labels: Record<string, unknown> | undefined): { level: PodSecurityLevel; version: string } | undefined {
  const level = labels?.[`${POD_SECURITY_LABEL_PREFIX}enforce`];
  if (level !== PodSecurityLevel.BASELINE && level !== PodSecurityLevel.RESTRICTED) return undefined;
  const version = labels?.[`${POD_SECURITY_LABEL_PREFIX}enforce-version`];
  return { level, version: typeof version === 'string' ? version : 'latest' };
}

/** The least strict of some levels (baseline when any asks for it); restricted for none. */
export function leastStrict(levels: Iterable<PodSecurityLevel>): PodSecurityLevel {
  for (const level of levels) if (level === PodSecurityLevel.BASELINE) return level;
  return PodSecurityLevel.RESTRICTED;
}
