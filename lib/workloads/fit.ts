import { PodExtras } from './pod-extras';
import type { WorkloadBase } from './workload-base';
import { ICluster, INodePool } from '../clusters/cluster';
import { ClusterStack } from '../clusters/cluster-stack';
import { Cloud } from '../core/cloud';
import { GKE_SANDBOX_NODE_LABEL, GKE_SANDBOX_TAINT, SANDBOX_POOL_LABEL } from '../core/gke-sandbox';
import { allocatable, MACHINE_CATALOG_VERSION, machineCapacity } from '../core/machine-catalog';
import { parseCpu, parseMemory } from '../core/quantity';
import { Taint, TaintEffect } from '../core/taint';

const GiB = 2 ** 30;

/**
 * Workloads fit their nodes: one replica's CPU and memory requests (app plus native
 * sidecars) must fit the allocatable capacity of at least one pool it can land on (its
 * tolerations, node selector and required node affinity against the pool's taints and
 * labels). Returns one problem per workload and cluster with no such pool, naming the
 * pools considered. Pools whose machine type the catalog does not know count as fitting.
 * A workload that can land on no pool at all (taints, node selector, required affinity)
 * is a problem too, naming each pool and why it was rejected, unless the workload's own
 * placement check (GPU pools, Wasm shims) already reports it or Karpenter makes nodes
 * outside the pools.
 */
export function fitProblems(placements: Map<ICluster, WorkloadBase[]>): string[] {
  const problems: string[] = [];
  for (const [cluster, workloads] of placements) {
    for (const w of workloads) {
      const extras = w.podExtras(cluster);
      const candidates = cluster.nodePools.filter(pool => landingProblem(cluster, pool, extras) === undefined);
      if (candidates.length === 0) {
        const problem = noLandingProblem(cluster, w, extras);
        if (problem) problems.push(problem);
        continue;
      }
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

/**
 * The problem of a workload that no pool of `cluster` can take, or undefined when another
 * check owns it: the workload's own placement validation (which names the GPU or Wasm pools it
 * needs) or Karpenter, whose NodePools (outside the fleet) make nodes the pools do not describe.
 */
function noLandingProblem(cluster: ICluster, w: WorkloadBase, extras: PodExtras): string | undefined {
  if (cluster instanceof ClusterStack && cluster.addons.karpenter) return undefined;
  // A cluster without pools (other than AKS's system pool) fails its own validation, which says so.
  if (cluster.nodePools.length === 0 && cluster.cloud !== Cloud.AZURE) return undefined;
  if (w.node.validate().length > 0) return undefined;
  const considered = cluster.nodePools.map(pool => `${pool.poolName} (${landingProblem(cluster, pool, extras)})`);
  if (cluster.cloud === Cloud.AZURE) {
    // only_critical_addons_enabled taints AKS's system pool CriticalAddonsOnly=true:NoSchedule.
    considered.push('system (the AKS system pool runs critical add-ons only: taint CriticalAddonsOnly=true:NoSchedule)');
  }
  return `workload '${w.node.path}' on cluster '${cluster.node.id}': no node pool can take its pods (taints, node selector, node affinity); ` +
    `pools considered: ${considered.length > 0 ? considered.join(', ') : 'none'}; add a node pool without those taints and with those labels ` +
    '(addNodePool), or place the workload elsewhere';
}

/** Why a pod with these extras may not be scheduled on the pool's nodes, or undefined when it may. */
function landingProblem(cluster: ICluster, pool: INodePool, extras: PodExtras): string | undefined {
  const tolerations = (extras.tolerations ?? []) as Array<Record<string, any>>;
  const untolerated = nodeTaints(cluster, pool).find(taint => taint.effect !== 'PreferNoSchedule' && !tolerations.some(t =>
    (t.key === taint.key || (t.key === undefined && t.operator === 'Exists'))
    && (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? ''))
    && (t.effect === undefined || t.effect === taint.effect)));
  if (untolerated) return `taint ${untolerated.key}${untolerated.value !== undefined ? `=${untolerated.value}` : ''}:${untolerated.effect} not tolerated`;
  const labels = nodeLabels(cluster, pool);
  const unmatched = Object.entries(extras.nodeSelector ?? {}).find(([key, value]) => labels[key] !== value);
  if (unmatched) return `no label ${unmatched[0]}=${unmatched[1]} (nodeSelector)`;
  const required = (extras.nodeAffinity as any)?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required?.nodeSelectorTerms as Array<Record<string, any>> | undefined;
  if (!terms) return undefined;
  const matched = terms.some(term => (term.matchExpressions ?? []).every((e: Record<string, any>) => {
    const label = labels[e.key];
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
  if (matched) return undefined;
  const wanted = terms.map(term => (term.matchExpressions ?? []).map((e: Record<string, any>) =>
    `${e.key} ${e.operator}${e.values ? ` [${e.values.join(', ')}]` : ''}`).join(' and ')).join(' or ');
  return `labels do not match the required node affinity (${wanted})`;
}

/** The pool's taints plus those the cloud puts on GKE Sandbox nodes and AKS spot nodes itself. */
function nodeTaints(cluster: ICluster, pool: INodePool): Taint[] {
  if (cluster.cloud === Cloud.GCP && pool.labels[SANDBOX_POOL_LABEL] === 'gvisor') return [...pool.taints, GKE_SANDBOX_TAINT];
  const spot = cluster.cloud === Cloud.AZURE && pool.spot && !pool.taints.some(t => t.key === 'kubernetes.azure.com/scalesetpriority');
  return spot ? [...pool.taints, { key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: TaintEffect.NO_SCHEDULE }] : pool.taints;
}

/** The pool's labels plus those GKE puts on MIG and GKE Sandbox nodes itself. */
function nodeLabels(cluster: ICluster, pool: INodePool): { [key: string]: string } {
  if (cluster.cloud !== Cloud.GCP) return pool.labels;
  const mig = pool.gpu?.sharing.migProfile;
  const sandbox = pool.labels[SANDBOX_POOL_LABEL] === 'gvisor';
  return {
    ...pool.labels,
    ...(mig ? { 'cloud.google.com/gke-gpu-partition-size': mig } : {}),
    ...(sandbox ? { [GKE_SANDBOX_NODE_LABEL.key]: GKE_SANDBOX_NODE_LABEL.value } : {}),
  };
}

function sum(quantities: string[], parse: (q: string) => number | undefined): number {
  return quantities.reduce((total, q) => total + (parse(q) ?? 0), 0);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
