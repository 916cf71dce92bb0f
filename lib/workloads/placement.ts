import { IConstruct } from 'constructs';
import { resolveConnections } from './connections';
import { fitProblems } from './fit';
import { WorkloadBase } from './workload-base';
import { ICluster } from '../clusters/cluster';
import { ClusterStack } from '../clusters/cluster-stack';
import { compareStrings } from '../core/compare';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import type { Team } from '../teams/team';
import { TeamPlacements } from '../teams/team-placement';

/** Every cluster of the fleet with the workloads placed on it, clusters in id order. */
export type Placements = Map<ClusterStack, WorkloadBase[]>;

/**
 * Places every workload under `root` on its clusters: the clusters it names in
 * `placement` plus every cluster of the fleet whose labels include its
 * `clusterSelector`, without duplicates. Records the result on each workload
 * (`placedOn`) and fails with a clear error on a cluster outside the fleet, a
 * selector that matches no cluster, two workloads with one name and namespace
 * on a cluster, a team workload on a cluster its team may not use, or a workload
 * outside a team in one of the team's namespaces.
 */
export function placeWorkloads(root: IConstruct, teams: TeamPlacements = new Map()): Placements {
  const all = root.node.findAll();
  const clusters = all.filter((c): c is ClusterStack => c instanceof ClusterStack);
  const workloads = all.filter((c): c is WorkloadBase => c instanceof WorkloadBase);
  const byCluster: Placements = new Map();
  for (const w of workloads) {
    const placed = resolve(w, clusters, root);
    w._setPlacement(placed);
    for (const cluster of placed) {
      checkTeam(w, cluster, teams.get(cluster) ?? []);
      const others = byCluster.get(cluster) ?? [];
      const clash = others.find(o => o.workloadName === w.workloadName && o.namespace === w.namespace);
      if (clash) {
        throw new FleetValidationError(`workload '${w.node.path}': '${w.namespace}/${w.workloadName}' is already placed on cluster '${cluster.node.id}' by '${clash.node.path}'; use another name or namespace`, w.node.path, ErrorCode.DUPLICATE);
      }
      others.push(w);
      byCluster.set(cluster, others);
    }
  }
  const sorted: Placements = new Map([...byCluster].sort(([a], [b]) => compareStrings(a.node.id, b.node.id)));
  resolveConnections(workloads, sorted);
  const unfit = fitProblems(sorted);
  if (unfit.length > 0) throw new FleetValidationError(`synth: ${unfit.length} workload(s) fit no node pool:\n  ${unfit.join('\n  ')}`, '', ErrorCode.PLACEMENT);
  return sorted;
}

function checkTeam(w: WorkloadBase, cluster: ClusterStack, teamsHere: readonly Team[]): void {
  if (w.team && !teamsHere.includes(w.team)) {
    throw new FleetValidationError(`workload '${w.node.path}': placed on cluster '${cluster.node.id}', which its team '${w.team.teamName}' ('${w.team.node.path}') may not use; ` +
      'place it on the team\'s clusters or add the cluster to the team\'s clusters / clusterSelector', w.node.path, ErrorCode.PLACEMENT);
  }
  const owner = teamsHere.find(t => t.namespaces.includes(w.namespace));
  if (owner && owner !== w.team) {
    throw new FleetValidationError(`workload '${w.node.path}': namespace '${w.namespace}' on cluster '${cluster.node.id}' belongs to team '${owner.teamName}' ('${owner.node.path}'); ` +
      `give the workload team: ${owner.teamName}, or use another namespace`, w.node.path, ErrorCode.PLACEMENT);
  }
}

function resolve(w: WorkloadBase, clusters: ClusterStack[], root: IConstruct): ClusterStack[] {
  const placed: ClusterStack[] = [];
  for (const cluster of w.placement) {
    if (!(cluster instanceof ClusterStack) || !cluster.node.scopes.includes(root)) {
      throw new FleetValidationError(`workload '${w.node.path}': cluster '${cluster.node.path}' is not a cluster of this fleet`, w.node.path, ErrorCode.REFERENCE);
    }
    placed.push(cluster);
  }
  const selector = Object.entries(w.clusterSelector);
  if (selector.length === 0) return placed;
  const selected = clusters.filter(c => selector.every(([key, value]) => c.labels[key] === value));
  if (selected.length === 0) {
    const have = clusters.map(c => `${c.node.id} ${describeLabels(c)}`).join(', ') || 'none (the fleet has no clusters)';
    throw new FleetValidationError(`workload '${w.node.path}': clusterSelector ${describeLabels({ labels: w.clusterSelector })} matches no cluster; ` +
      `clusters and their labels: ${have}`, w.node.path, ErrorCode.REFERENCE);
  }
  for (const cluster of selected) if (!placed.includes(cluster)) placed.push(cluster);
  return placed;
}

function describeLabels(c: Pick<ICluster, 'labels'>): string {
  const entries = Object.entries(c.labels).sort(([a], [b]) => compareStrings(a, b));
  return `{${entries.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}
