import { IConstruct } from 'constructs';
import { ICluster } from '../clusters/cluster';
import { invalid, show } from '../core/errors';
import { labelProblem } from '../core/names';

/**
 * The placement props every placed construct (workloads of each kind, Kubernetes
 * manifests) takes, checked alike: a given `clusterSelector` is not empty and holds valid
 * labels, at least one of `placement` and `clusterSelector` selects something, and no
 * cluster is listed twice.
 *
 * @param kind the construct's kind as the error names it (e.g. `workload`)
 * @param selectorGiven whether the user passed `clusterSelector` at all
 * @param target what "at least one cluster" is for, appended to the hint (e.g. ' to run on')
 */
export function checkPlacementProps(kind: string, scope: IConstruct, placement: ICluster[],
  clusterSelector: { [key: string]: string }, selectorGiven: boolean, target: string = ''): void {
  if (selectorGiven && Object.keys(clusterSelector).length === 0) {
    invalid(kind, scope, 'clusterSelector is empty; give at least one label (e.g. { tier: \'gpu\' }) or use placement');
  }
  for (const [key, value] of Object.entries(clusterSelector)) {
    const problem = labelProblem(key, value);
    if (problem) invalid(kind, scope, `clusterSelector ${show(key)}=${show(value)} is not a valid Kubernetes label: ${problem}`);
  }
  if (placement.length === 0 && Object.keys(clusterSelector).length === 0) {
    invalid(kind, scope, `placement is empty and there is no clusterSelector; name at least one cluster${target}, or select clusters by label`);
  }
  const seen = new Set<string>();
  for (const cluster of placement) {
    if (seen.has(cluster.node.path)) invalid(kind, scope, `placed twice on cluster '${cluster.node.path}'; list each cluster once`);
    seen.add(cluster.node.path);
  }
}
