import { IConstruct } from 'constructs';
import { CapabilityRequirement } from './capability';

/** A capability something other than a workload needs on a cluster, and who needs it. */
export interface CapabilityNeed {
  /** Who needs it, as an error message names it (e.g. `manifest 'fleet/monitoring'`). */
  readonly who: string;
  /** The capability and why. */
  readonly requirement: CapabilityRequirement;
}

const NEEDS = new WeakMap<IConstruct, readonly CapabilityNeed[]>();

/**
 * Records what Kubernetes content placed on `cluster` (besides workloads) needs from it,
 * replacing what an earlier synth recorded. The add-on planner resolves these with the
 * workloads' needs.
 */
export function setCapabilityNeeds(cluster: IConstruct, needs: readonly CapabilityNeed[]): void {
  NEEDS.set(cluster, [...needs]);
}

/** What content other than workloads needs on `cluster` (empty when nothing recorded). */
export function capabilityNeedsOf(cluster: IConstruct): readonly CapabilityNeed[] {
  return NEEDS.get(cluster) ?? [];
}
