/** What a specialised workload adds to the hardened pod template on one cluster. */
export interface PodExtras {
  /** Extended resources added to the container's requests and limits (e.g. `nvidia.com/gpu`). */
  readonly extendedResources?: Record<string, string>;
  readonly tolerations?: Array<Record<string, unknown>>;
  readonly nodeAffinity?: Record<string, unknown>;
  readonly startupProbe?: Record<string, unknown>;
  readonly volumes?: Array<Record<string, unknown>>;
  readonly volumeMounts?: Array<Record<string, unknown>>;
  readonly env?: Record<string, string>;
}
