import { IConstruct } from 'constructs';
import { dns1123LabelProblem } from './names';

/** Label that marks what a team owns (its namespaces, objects and workloads); `team` is the cost label. */
export const TEAM_LABEL = 'cdk-fleet.io/team';

/** Namespace of workloads that name none and belong to no team, unless the fleet sets another. */
export const FLEET_DEFAULT_NAMESPACE = 'apps';

/**
 * Namespaces cdk-fleet never writes workloads into: Kubernetes creates them without
 * Pod Security labels, and `kube-*` hold the cluster's own components.
 */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const DEFAULTS = new WeakMap<IConstruct, string>();

/** Records the default workload namespace of a scope (the fleet). */
export function setDefaultNamespace(scope: IConstruct, namespace: string): void {
  DEFAULTS.set(scope, namespace);
}

/** The default workload namespace in force at `scope` (innermost scope wins). */
export function defaultNamespaceAt(scope: IConstruct): string {
  let found = FLEET_DEFAULT_NAMESPACE;
  for (const s of scope.node.scopes) found = DEFAULTS.get(s) ?? found;
  return found;
}

/** Why `namespace` cannot hold fleet workloads, or undefined when it can. */
export function workloadNamespaceProblem(namespace: unknown): string | undefined {
  if (typeof namespace !== 'string') return 'it must be a string';
  const problem = dns1123LabelProblem(namespace);
  if (problem) return `it is not a DNS-1123 label: ${problem}`;
  if (RESERVED_NAMESPACES.includes(namespace)) {
    return `'${namespace}' is created by Kubernetes without Pod Security labels the fleet controls; use a namespace of your own (e.g. the team's or the fleet's default)`;
  }
  return undefined;
}
