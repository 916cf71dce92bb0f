import { Cloud } from './cloud';

/**
 * Versions each managed Kubernetes service offers (standard or extended support),
 * as of the catalog date. Update this table when a cloud adds or retires a version.
 */
export const KUBERNETES_CATALOG_DATE = '2026-11';

const OFFERED: Record<Cloud, string[]> = {
  [Cloud.AWS]: ['1.31', '1.32', '1.33', '1.34', '1.35'],
  [Cloud.GCP]: ['1.32', '1.33', '1.34', '1.35'],
  [Cloud.AZURE]: ['1.32', '1.33', '1.34', '1.35'],
};

/**
 * A Kubernetes minor version (`1.NN`).
 *
 * Each cluster checks the version against its cloud's catalog at construction.
 */
export class KubernetesVersion {
  /** Kubernetes 1.31. */
  public static readonly V1_31 = new KubernetesVersion('1.31');
  /** Kubernetes 1.32. */
  public static readonly V1_32 = new KubernetesVersion('1.32');
  /** Kubernetes 1.33. */
  public static readonly V1_33 = new KubernetesVersion('1.33');
  /** Kubernetes 1.34. */
  public static readonly V1_34 = new KubernetesVersion('1.34');
  /** Kubernetes 1.35. */
  public static readonly V1_35 = new KubernetesVersion('1.35');

  /** Newest version every cloud offers: the default for new clusters. */
  public static readonly DEFAULT = new KubernetesVersion('1.34');

  /**
   * A version by its `major.minor` string, e.g. `KubernetesVersion.of('1.34')`.
   * Whether a cloud offers it is checked when a cluster uses it.
   */
  public static of(version: string): KubernetesVersion {
    return new KubernetesVersion(version);
  }

  /** Versions the given cloud offers according to the catalog, oldest first. */
  public static offeredBy(cloud: Cloud): string[] {
    return [...OFFERED[cloud]];
  }

  /** The `major.minor` string, e.g. `1.34`. */
  public readonly version: string;

  private constructor(version: string) {
    this.version = version;
  }

  /** Whether this is a well-formed `1.NN` version. */
  public get isWellFormed(): boolean {
    return /^1\.\d{1,2}$/.test(this.version);
  }

  /** Whether `cloud` offers this version according to the catalog. */
  public isOfferedBy(cloud: Cloud): boolean {
    return OFFERED[cloud].includes(this.version);
  }

  /** The minor number (34 for `1.34`). */
  public get minor(): number {
    return Number(this.version.split('.')[1]);
  }
}
