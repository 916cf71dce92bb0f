import type { EnvFromSource, EnvValueSource } from './env-sources';
import type { WorkloadVolume } from './volumes';
import type { EgressRule, WorkloadResources } from './workload';

/**
 * What every workload's app container declares, whatever its kind (services, batch jobs,
 * edge workloads, a platform team's own kinds).
 */
export interface WorkloadContainerProps {
  /** Container image, pinned by tag or digest (`:latest` and untagged images are rejected). */
  readonly image: string;
  /** Requests (and limits) of each replica. */
  readonly resources: WorkloadResources;
  /**
   * Namespace: never `default` or a `kube-*` one, since the fleet labels every namespace
   * it writes to enforce Pod Security. A team workload may name any of its team's namespaces.
   * @default - the team's first namespace, else the fleet's `defaultNamespace` (on edge sites: the edge fleet's `namespace`)
   */
  readonly namespace?: string;
  /**
   * Environment variables (no secrets: use `envValueFrom` or `envFrom` with a Secret for those).
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Environment variables read from a key of a Secret or ConfigMap in the workload's
   * namespace, e.g. `{ DB_PASSWORD: EnvValueSource.secretKey('db', 'password') }`.
   * @default - none
   */
  readonly envValueFrom?: { [name: string]: EnvValueSource };
  /**
   * Whole Secrets or ConfigMaps whose keys become environment variables
   * (`EnvFromSource.configMap('settings')`); `env` and `envValueFrom` win over their keys.
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
  /**
   * Volumes mounted into the app container: Secrets, ConfigMaps, emptyDirs or existing
   * PersistentVolumeClaims, read-only unless said otherwise (an emptyDir is writable).
   * The root filesystem stays read-only; `/tmp` is always a scratch volume.
   * @default - only `/tmp`
   */
  readonly volumes?: WorkloadVolume[];
  /**
   * Container command (entrypoint).
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Container arguments.
   * @default - the image's arguments
   */
  readonly args?: string[];
  /**
   * Outbound destinations besides cluster DNS; all other egress is denied.
   * @default - DNS only
   */
  readonly allowTo?: EgressRule[];
}
