/**
 * Pod Security Standards levels and policy versions.
 *
 * A policy version is the `vMAJOR.MINOR` that the Pod Security Admission
 * `pod-security.kubernetes.io/<mode>-version` label selects; checks change
 * behaviour at specific minor versions, so every evaluation is pinned to one.
 */

/** The enforced Pod Security Standards levels (`privileged` enforces nothing). */
export enum PodSecurityLevel {
  /** Prevents known privilege escalations; allows the default pod configuration. */
  BASELINE = 'baseline',
  /** Everything in baseline plus current pod hardening best practices. */
  RESTRICTED = 'restricted',
}

/** A parsed `vMAJOR.MINOR` policy version. */
export interface PodSecurityVersion {
  /** Major version (always 1 today). */
  readonly major: number;
  /** Minor version, e.g. 33 for `v1.33`. */
  readonly minor: number;
}

/** Policy versions the conformance fixtures pin; every `v1.N` (and `latest`) is evaluated. */
export const SUPPORTED_POD_SECURITY_VERSIONS: readonly string[] = ['v1.30', 'v1.33', 'v1.37'];

/** The newest policy version whose rules are modelled; `latest` resolves to it. */
export const LATEST_POD_SECURITY_VERSION = 'v1.37';

/** Builds a version from its parts. */
export function podSecurityVersion(major: number, minor: number): PodSecurityVersion {
  return { major, minor };
}

/**
 * Parses `v1.33`, `1.33` or `latest` (case-insensitive). Throws on anything else.
 * Versions newer than {@link LATEST_POD_SECURITY_VERSION} are accepted and behave like it.
 */
export function parsePodSecurityVersion(version: string): PodSecurityVersion {
  const text = version.trim().toLowerCase();
  if (text === 'latest') return parsePodSecurityVersion(LATEST_POD_SECURITY_VERSION);
  const m = /^v?(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) {
    throw new Error(`'${version}' is not a Pod Security policy version: expected 'vMAJOR.MINOR' (e.g. 'v1.33') or 'latest'`);
  }
  const major = Number(m[1]);
  if (major < 1) throw new Error(`'${version}' is not a Pod Security policy version: the oldest is v1.0`);
  return { major, minor: Number(m[2]) };
}

/** Negative when `a` is older than `b`, zero when equal, positive when newer. */
export function comparePodSecurityVersions(a: PodSecurityVersion, b: PodSecurityVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/** True when `version` is `major.minor` or newer. */
export function isAtLeast(version: PodSecurityVersion, major: number, minor: number): boolean {
  return comparePodSecurityVersions(version, { major, minor }) >= 0;
}

/** Formats a version as `vMAJOR.MINOR`. */
export function formatPodSecurityVersion(version: PodSecurityVersion): string {
  return `v${version.major}.${version.minor}`;
}

/** True when checks of level `checkLevel` apply to a pod evaluated at `level` (restricted includes baseline). */
export function levelIncludes(level: PodSecurityLevel, checkLevel: PodSecurityLevel): boolean {
  return level === PodSecurityLevel.RESTRICTED || checkLevel === PodSecurityLevel.BASELINE;
}
