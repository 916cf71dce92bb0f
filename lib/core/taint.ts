/** What a taint does to pods that do not tolerate it (Kubernetes spelling). */
export enum TaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node when it can. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Running pods are evicted and new ones not scheduled. */
  NO_EXECUTE = 'NoExecute',
}

/** A node taint in cloud-neutral form, lowered to each cloud's spelling. */
export interface Taint {
  /** Taint key, a Kubernetes label key (e.g. `nvidia.com/gpu`). */
  readonly key: string;
  /**
   * Taint value.
   * @default - no value
   */
  readonly value?: string;
  /** What the taint does to pods that do not tolerate it. */
  readonly effect: TaintEffect;
}

/** The taint every GPU node pool carries so only pods that ask for GPUs land there. */
export const GPU_TAINT: Taint = { key: 'nvidia.com/gpu', value: 'present', effect: TaintEffect.NO_SCHEDULE };

/** The effect in the spelling EKS and GKE use (`NO_SCHEDULE`, `PREFER_NO_SCHEDULE`, `NO_EXECUTE`). */
export function upperSnakeEffect(effect: TaintEffect): string {
  return effect.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}
