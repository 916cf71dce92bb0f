import { IConstruct } from 'constructs';
import { planAddons } from './addon-plan';
import { ClusterAddonsStack } from './addons-stack';
import { warnUnusedIdentities } from './workload-identity-resources';
import { ClusterStack } from '../clusters/cluster-stack';
import { Placements } from '../workloads/placement';

/**
 * Adds a `<cluster>-addons` stack next to every cluster of the fleet that needs
 * add-ons (see `planAddons`). Runs at synth, once the fleet is complete; a second
 * synth of the same fleet reuses the stacks it added the first time.
 */
export function addAddonStacks(root: IConstruct, placements: Placements): ClusterAddonsStack[] {
  const clusters = root.node.findAll().filter((c): c is ClusterStack => c instanceof ClusterStack);
  const stacks: ClusterAddonsStack[] = [];
  warnUnusedIdentities(new Set([...placements.values()].flat()));
  for (const cluster of clusters) {
    const scope = cluster.node.scope!;
    const id = `${cluster.node.id}-addons`;
    const existing = scope.node.tryFindChild(id);
    if (existing instanceof ClusterAddonsStack) {
      stacks.push(existing);
      continue;
    }
    const plan = planAddons(cluster, placements.get(cluster) ?? []);
    if (plan.addons.length > 0 || plan.workloadIdentities) stacks.push(new ClusterAddonsStack(scope, id, cluster, plan));
  }
  return stacks;
}
