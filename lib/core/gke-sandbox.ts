import { Taint, TaintEffect } from './taint';

/** The label cdk-fleet puts on GKE Sandbox pools (value `gvisor`). */
export const SANDBOX_POOL_LABEL = 'cdk-fleet.io/sandbox';

/**
 * What GKE puts on the nodes of a GKE Sandbox pool itself: the label and taint
 * `sandbox.gke.io/runtime=gvisor` (NoSchedule), which GKE's `gvisor` RuntimeClass selects and
 * tolerates (https://cloud.google.com/kubernetes-engine/docs/concepts/sandbox-pods).
 */
export const GKE_SANDBOX_NODE_LABEL = { key: 'sandbox.gke.io/runtime', value: 'gvisor' };
export const GKE_SANDBOX_TAINT: Taint = { key: 'sandbox.gke.io/runtime', value: 'gvisor', effect: TaintEffect.NO_SCHEDULE };
