import { CapabilityRequirement } from '../core/capability';

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
  /** Container command (entrypoint). */
  readonly command?: string[];
  /** Container arguments. */
  readonly args?: string[];
  /** Pod-level `runtimeClassName`. */
  readonly runtimeClassName?: string;
  /** Node selector the pod requires. */
  readonly nodeSelector?: Record<string, string>;
  /** Per-replica persistent state: the workload becomes a StatefulSet with a volume claim template `state`. */
  readonly stateVolume?: { readonly sizeGib: number; readonly storageClass?: string };
  /** A KEDA ScaledObject spec (without `scaleTargetRef`) that scales the workload instead of a fixed count. */
  readonly scaledObject?: Record<string, any>;
  /** A KEDA TriggerAuthentication spec, written next to the ScaledObject under the workload's name. */
  readonly triggerAuthentication?: Record<string, any>;
  /** Cluster-scoped objects the workload needs (e.g. a RuntimeClass), written once per cluster. */
  readonly objects?: Array<Record<string, any>>;
  /** Capabilities the cluster must provide for these extras to work (besides what the base workload needs). */
  readonly requires?: CapabilityRequirement[];
}
