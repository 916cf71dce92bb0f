import { CapabilityRequirement } from '../core/capability';

/** Per-replica persistent state of a workload: a volume claim template named `state`. */
export interface PodStateVolume {
  /** Size of each replica's volume in GiB. */
  readonly sizeGib: number;
  /**
   * Storage class of the claims.
   * @default - the cluster's default class
   */
  readonly storageClass?: string;
}

/**
 * What a workload kind adds to the hardened pod template on one cluster, returned by
 * `WorkloadBase.podExtras(cluster)`. Raw Kubernetes JSON (tolerations, affinity, volumes,
 * probes) is given as plain objects; the fleet also reads these extras for placement
 * (tolerations, node selector and affinity against the pools), capabilities (`requires`,
 * `scaledObject`, `stateVolume`) and cluster-scoped objects (`objects`).
 */
export interface PodExtras {
  /**
   * Extended resources added to the app container's requests and limits (e.g. `{ 'nvidia.com/gpu': '1' }`).
   * @default - none
   */
  readonly extendedResources?: { [key: string]: string };
  /**
   * Pod tolerations (Kubernetes `Toleration` JSON).
   * @default - none
   */
  readonly tolerations?: Array<{ [key: string]: any }>;
  /**
   * Pod node affinity (Kubernetes `NodeAffinity` JSON).
   * @default - none
   */
  readonly nodeAffinity?: { [key: string]: any };
  /**
   * Startup probe of the app container (Kubernetes `Probe` JSON); a `startupProbe` in the
   * workload's own props wins.
   * @default - none
   */
  readonly startupProbe?: { [key: string]: any };
  /**
   * Pod volumes (Kubernetes `Volume` JSON), after the `tmp` emptyDir.
   * @default - none
   */
  readonly volumes?: Array<{ [key: string]: any }>;
  /**
   * Mounts of the app container (Kubernetes `VolumeMount` JSON), after `/tmp`.
   * @default - none
   */
  readonly volumeMounts?: Array<{ [key: string]: any }>;
  /**
   * Environment variables of the app container; they win over the workload's `env`.
   * @default - none
   */
  readonly env?: { [key: string]: string };
  /**
   * Container command (entrypoint); the workload's own `command` wins.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Container arguments; the workload's own `args` win.
   * @default - the image's arguments
   */
  readonly args?: string[];
  /**
   * Pod-level `runtimeClassName`.
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /**
   * Node selector the pod requires.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Per-replica persistent state: a service becomes a StatefulSet with a volume claim template `state`.
   * @default - stateless
   */
  readonly stateVolume?: PodStateVolume;
  /**
   * A KEDA ScaledObject spec (without `scaleTargetRef`) that scales a service instead of a fixed count.
   * @default - none
   */
  readonly scaledObject?: { [key: string]: any };
  /**
   * A KEDA TriggerAuthentication spec, written next to the ScaledObject under the workload's name.
   * @default - none
   */
  readonly triggerAuthentication?: { [key: string]: any };
  /**
   * Cluster-scoped objects the workload needs (e.g. a RuntimeClass), written once per
   * cluster to `cluster-objects.yaml` with the fleet's labels.
   * @default - none
   */
  readonly objects?: Array<{ [key: string]: any }>;
  /**
   * Capabilities the cluster must provide for these extras to work (besides what the base workload needs).
   * @default - none
   */
  readonly requires?: CapabilityRequirement[];
}
