import { PodExtras } from './pod-extras';
import type { WorkloadBase } from './workload-base';
import { ICluster, INodePool } from '../clusters/cluster';
import { allocatable, MACHINE_CATALOG_VERSION, machineCapacity } from '../core/machine-catalog';
import { parseCpu, parseMemory } from '../core/quantity';

const GiB = 2 ** 30;

/**
 * Workloads fit their nodes: one replica's CPU and memory requests (app plus native
 * sidecars) must fit the allocatable capacity of at least one pool it can land on (its
 * tolerations, node selector and required node affinity against the pool's taints and
 * labels). Returns one problem per workload and cluster with no such pool, naming the
 * pools considered. Pools whose machine type the catalog does not know count as fitting.
 */
export function fitProblems(placements: Map<ICluster, WorkloadBase[]>): string[] {
  const problems: string[] = [];
  for (const [cluster, workloads] of placements) {
    for (const w of workloads) {
      const extras = w.podExtras(cluster);
      const candidates = cluster.nodePools.filter(pool => canLand(pool, extras));
      if (candidates.length === 0) continue; // placement checks (GPU pools, Wasm shims) report pools that cannot take the pod at all
      const cpu = sum([w.commonProps.resources.cpu, ...(w.commonProps.sidecars ?? []).map(s => s.resources.cpu)], parseCpu);
      const memory = sum([w.commonProps.resources.memory, ...(w.commonProps.sidecars ?? []).map(s => s.resources.memory)], parseMemory);
      const sized = candidates.map(pool => {
        const capacity = machineCapacity(cluster.cloud, pool.machineType);
        return { pool, free: capacity ? allocatable(capacity) : undefined };
      });
      if (sized.some(({ free }) => !free || (cpu <= free.cpu && memory <= free.memoryBytes))) continue;
      const considered = sized.map(({ pool, free }) => `${pool.poolName} (${pool.machineType}: ${round(free!.cpu)} CPU, ${round(free!.memoryBytes / GiB)} GiB allocatable)`);
      problems.push(`workload '${w.node.path}' on cluster '${cluster.node.id}': one replica requests ${round(cpu)} CPU and ${round(memory / GiB)} GiB ` +
        `memory, more than any node pool it can land on can allocate (machine catalog ${MACHINE_CATALOG_VERSION}); pools considered: ${considered.join(', ')}; ` +
        'request less, or add a pool with a larger machine type');
    }
  }
  return problems;
}

/** Whether a pod with these extras may be scheduled on the pool's nodes. */
function canLand(pool: INodePool, extras: PodExtras): boolean {
  const tolerations = (extras.tolerations ?? []) as Array<Record<string, any>>;
  const tolerated = pool.taints.every(taint => taint.effect === 'PreferNoSchedule' || tolerations.some(t =>
    (t.key === taint.key || (t.key === undefined && t.operator === 'Exists'))
    && (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? ''))
    && (t.effect === undefined || t.effect === taint.effect)));
  if (!tolerated) return false;
  if (!Object.entries(extras.nodeSelector ?? {}).every(([key, value]) => pool.labels[key] === value)) return false;
  const required = (extras.nodeAffinity as any)?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required?.nodeSelectorTerms as Array<Record<string, any>> | undefined;
  if (!terms) return true;
  return terms.some(term => (term.matchExpressions ?? []).every((e: Record<string, any>) => {
    const label = pool.labels[e.key];
    switch (e.operator) {
      case 'In': return label !== undefined && e.values.includes(label);
      case 'NotIn': return label === undefined || !e.values.includes(label);
      case 'Exists': return label !== undefined;
      case 'DoesNotExist': return label === undefined;
      case 'Gt': return label !== undefined && Number(label) > Number(e.values[0]);
      case 'Lt': return label !== undefined && Number(label) < Number(e.values[0]);
      default: return true;
    }
  }));
}

function sum(quantities: string[], parse: (q: string) => number | undefined): number {
  return quantities.reduce((total, q) => total + (parse(q) ?? 0), 0);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
