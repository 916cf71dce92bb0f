import { IConstruct } from 'constructs';
import type { WorkloadBase } from './workload-base';
import { ICluster } from '../clusters/cluster';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';

/** A workload another one may call on the same cluster: its pod label name and container port. */
export interface Callee {
  readonly name: string;
  readonly port: number;
}

const CALLEES = new WeakMap<IConstruct, Map<ICluster, Callee[]>>();

/**
 * Makes `allowFrom` two-sided: for every workload that lets `caller` in (same cluster
 * and namespace), the caller's default-deny egress gets a rule to it, read back with
 * `calleesOf`. A name in `allowFrom` that matches no workload of the fleet in that
 * namespace is an error.
 */
export function resolveConnections(workloads: WorkloadBase[], placements: Map<ICluster, WorkloadBase[]>): void {
  for (const w of workloads) CALLEES.delete(w); // a second synth of the same fleet starts afresh
  const names = new Set(workloads.map(w => `${w.namespace}/${w.workloadName}`));
  for (const w of workloads) {
    for (const from of w._allowFrom()) {
      if (!names.has(`${w.namespace}/${from}`)) {
        const there = workloads.filter(o => o.namespace === w.namespace && o !== w).map(o => o.workloadName).sort();
        throw new FleetValidationError(`workload '${w.node.path}': allowFrom '${from}' matches no workload in namespace '${w.namespace}' of the fleet; ` +
          `workloads there: ${there.join(', ') || 'none'}`, w.node.path, ErrorCode.REFERENCE);
      }
    }
  }
  for (const [cluster, placed] of placements) {
    for (const callee of placed) {
      const port = callee._servedPort();
      for (const from of callee._allowFrom()) {
        const caller = placed.find(o => o.workloadName === from && o.namespace === callee.namespace);
        if (!caller || port === undefined) continue;
        const byCluster = CALLEES.get(caller) ?? new Map<ICluster, Callee[]>();
        byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), { name: callee.workloadName, port }]);
        CALLEES.set(caller, byCluster);
      }
    }
  }
}

/** The workloads `w` may call on `cluster` (resolved at synth), sorted by name. */
export function calleesOf(w: IConstruct, cluster: ICluster): Callee[] {
  const found = CALLEES.get(w)?.get(cluster) ?? [];
  return [...found].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
