import { IConstruct } from 'constructs';
import { Team } from './team';
import { ClusterStack } from '../clusters/cluster-stack';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';

/** Every cluster with the teams that may use it (clusters in id order, teams in name order). */
export type TeamPlacements = Map<ClusterStack, Team[]>;

const byId = (a: IConstruct, b: IConstruct) => (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0);

/**
 * Resolves the clusters every team of the fleet may use: `clusters` plus those its
 * `clusterSelector` selects, or every cluster when it names neither. Fails when two
 * teams share a name or a namespace, when a team names a cluster outside the fleet or
 * its selector matches no cluster.
 */
export function placeTeams(root: IConstruct): TeamPlacements {
  const all = root.node.findAll();
  const clusters = all.filter((c): c is ClusterStack => c instanceof ClusterStack);
  const teams = all.filter((c): c is Team => c instanceof Team).sort(byId);
  const names = new Map<string, Team>();
  const namespaces = new Map<string, Team>();
  for (const team of teams) {
    const same = names.get(team.teamName);
    if (same) throw new FleetValidationError(`team '${team.node.path}': name '${team.teamName}' is already used by team '${same.node.path}'; team names must be unique in a fleet`, team.node.path, ErrorCode.DUPLICATE);
    names.set(team.teamName, team);
    for (const ns of team.namespaces) {
      const owner = namespaces.get(ns);
      if (owner) throw new FleetValidationError(`team '${team.node.path}': namespace '${ns}' already belongs to team '${owner.node.path}'; a namespace belongs to one team`, team.node.path, ErrorCode.DUPLICATE);
      namespaces.set(ns, team);
    }
  }
  const byCluster: TeamPlacements = new Map();
  for (const team of teams) {
    for (const cluster of teamClusters(team, clusters, root)) byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), team]);
  }
  return new Map([...byCluster].sort(([a], [b]) => byId(a, b)));
}

/** The clusters `team` may use (see {@link placeTeams}). */
export function teamClusters(team: Team, clusters: ClusterStack[], root: IConstruct): ClusterStack[] {
  const selector = Object.entries(team.clusterSelector);
  if (team.clusters.length === 0 && selector.length === 0) return [...clusters];
  const allowed: ClusterStack[] = [];
  for (const cluster of team.clusters) {
    if (!(cluster instanceof ClusterStack) || !cluster.node.scopes.includes(root)) {
      throw new FleetValidationError(`team '${team.node.path}': cluster '${cluster.node.path}' is not a cluster of this fleet`, team.node.path, ErrorCode.REFERENCE);
    }
    if (!allowed.includes(cluster)) allowed.push(cluster);
  }
  if (selector.length > 0) {
    const selected = clusters.filter(c => selector.every(([key, value]) => c.labels[key] === value));
    if (selected.length === 0) {
      const wanted = selector.map(([k, v]) => `${k}=${v}`).join(', ');
      throw new FleetValidationError(`team '${team.node.path}': clusterSelector {${wanted}} matches no cluster of the fleet; check the clusters' labels`, team.node.path, ErrorCode.REFERENCE);
    }
    for (const cluster of selected) if (!allowed.includes(cluster)) allowed.push(cluster);
  }
  return allowed;
}
