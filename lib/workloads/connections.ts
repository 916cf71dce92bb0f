import { Workload } from './workload';
import { ICluster } from '../clusters/cluster';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';

/** A workload another one may call on the same cluster: its pod label name and container port. */
export interface Callee {
  readonly name: string;
  readonly port: number;
}

const CALLEES = new WeakMap<Workload, Map<ICluster, Callee[]>>();

/**
 * Makes `allowFrom` two-sided: for every workload that lets `caller` in (same cluster
 * and namespace), the caller's default-deny egress gets a rule to it, read back with
 * `calleesOf`. A name in `allowFrom` that matches no workload of the fleet in that
 * namespace is an error.
 */
export function resolveConnections(workloads: Workload[], placements: Map<ICluster, Workload[]>): void {
  for (const w of workloads) CALLEES.delete(w); // a second synth of the same fleet starts afresh
  const names = new Set(workloads.map(w => `${w.namespace}/${w.workloadName}`));
  for (const w of workloads) {
    for (const from of w.props.allowFrom ?? []) {
      if (!names.has(`${w.namespace}/${from}`)) {
        const there = workloads.filter(o => o.namespace === w.namespace && o !== w).map(o => o.workloadName).sort();
        throw new FleetValidationError(`workload '${w.node.path}': allowFrom '${from}' matches no workload in namespace '${w.namespace}' of the fleet; ` +
          `workloads there: ${there.join(', ') || 'none'}`, w.node.path, ErrorCode.REFERENCE);
      }
    }
  }
  for (const [cluster, placed] of placements) {
    for (const callee of placed) {
      for (const from of callee.props.allowFrom ?? []) {
        const caller = placed.find(o => o.workloadName === from && o.namespace === callee.namespace);
        if (!caller) continue;
        const byCluster = CALLEES.get(caller) ?? new Map<ICluster, Callee[]>();
        byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), { name: callee.workloadName, port: callee.port }]);
        CALLEES.set(caller, byCluster);
      }
    }
  }
}

/** The workloads `w` may call on `cluster` (resolved at synth), sorted by name. */
export function calleesOf(w: Workload, cluster: ICluster): Callee[] {
  const found = CALLEES.get(w)?.get(cluster) ?? [];
  return [...found].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
