import { PolicyKubernetesObject } from '../input';
import { PolicyQuery } from '../query';

/** The objects of one directory (a cluster's or an edge site's) and namespace. */
interface Group {
  networkPolicies: Array<Record<string, any>>;
  disruptionBudgets: Array<Record<string, any>>;
}

/** A pod owner the coverage rules look at. */
export interface PodOwner {
  readonly entry: PolicyKubernetesObject;
  readonly labels: Record<string, unknown>;
  readonly labelsPath: string;
  readonly replicas: number;
}

/** What the coverage rules found. */
export interface CoverageGaps {
  /** Pod owners no NetworkPolicy selects. */
  readonly uncoveredByNetworkPolicy: PodOwner[];
  /** Replicated pod owners (more than one replica) no PodDisruptionBudget selects. */
  readonly withoutDisruptionBudget: PodOwner[];
}

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/**
 * Selector matching memoized by (selector object, labels object) for one run: edge sites
 * stamped from one variant share both objects, so each pair is matched once however
 * many sites there are.
 */
function memoizedSelects(): (selector: unknown, labels: Record<string, unknown>) => boolean {
  const matches = new WeakMap<object, WeakMap<object, boolean>>();
  return (selector, labels) => {
    if (selector === null || typeof selector !== 'object') return PolicyQuery.selectorMatches(selector, labels as { [key: string]: string });
    let byLabels = matches.get(selector);
    if (!byLabels) matches.set(selector, byLabels = new WeakMap());
    let match = byLabels.get(labels);
    if (match === undefined) byLabels.set(labels, match = PolicyQuery.selectorMatches(selector, labels as { [key: string]: string }));
    return match;
  };
}

function groupKey(entry: PolicyKubernetesObject): string {
  const dir = entry.file.slice(0, Math.max(0, entry.file.lastIndexOf('/')));
  return `${dir}\u0000${entry.object.metadata?.namespace ?? 'default'}`;
}

/**
 * One pass to group NetworkPolicies and PodDisruptionBudgets by directory and
 * namespace, one pass to match every pod owner against its group: linear in the
 * objects times the (small) number of policies per namespace.
 */
export function coverageGaps(query: PolicyQuery): CoverageGaps {
  const groups = new Map<string, Group>();
  const group = (key: string) => groups.get(key) ?? (groups.set(key, { networkPolicies: [], disruptionBudgets: [] }), groups.get(key)!);
  for (const entry of query.kubernetesObjects('NetworkPolicy')) group(groupKey(entry)).networkPolicies.push(entry.object);
  for (const entry of query.kubernetesObjects('PodDisruptionBudget')) group(groupKey(entry)).disruptionBudgets.push(entry.object);
  const owners: PodOwner[] = query.podTemplates().map(template => {
    const entry = template.owner;
    const replicas = REPLICATED_KINDS.has(template.kind) ? (typeof entry.object.spec?.replicas === 'number' ? entry.object.spec.replicas : 1) : 1;
    return { entry, labels: template.metadata.labels ?? {}, labelsPath: `${template.metadataPath}.labels`, replicas };
  });
  const uncoveredByNetworkPolicy: PodOwner[] = [];
  const withoutDisruptionBudget: PodOwner[] = [];
  const selectsOnce = memoizedSelects();
  for (const owner of owners) {
    const g = groups.get(groupKey(owner.entry));
    if (!g?.networkPolicies.some(np => selectsOnce(np.spec?.podSelector, owner.labels))) uncoveredByNetworkPolicy.push(owner);
    if (owner.replicas > 1 && !g?.disruptionBudgets.some(pdb => selectsOnce(pdb.spec?.selector, owner.labels))) withoutDisruptionBudget.push(owner);
  }
  return { uncoveredByNetworkPolicy, withoutDisruptionBudget };
}
