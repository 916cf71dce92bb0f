import { quotaHard } from './team-objects';
import { TeamQuota } from './team-options';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { parseCpu, parseMemory } from '../core/quantity';
import { findPodTemplate } from '../policy/pod-security/pod-security';

/** What one workload takes of its namespace's quota, by ResourceQuota key, in base units (millicores, bytes, counts). */
export interface QuotaUsage {
  /** Construct path of the workload. */
  readonly workload: string;
  /** Most pods at once, outside rollouts. */
  readonly pods: number;
  /** Extra pods a rolling update adds (a Deployment's default `maxSurge` of 25%, rounded up). */
  readonly surge: number;
  /** Amount per quota key. */
  readonly amounts: Record<string, number>;
}

const CPU_KEYS = new Set(['requests.cpu', 'limits.cpu']);
const BYTE_KEYS = new Set(['requests.memory', 'limits.memory', 'requests.storage']);

/** Parses a quantity of quota key `key` to base units (millicores for CPU). */
function amountOf(key: string, value: unknown): number {
  const text = String(value);
  if (CPU_KEYS.has(key) || key === 'cpu') return Math.round((parseCpu(text) ?? 0) * 1000);
  if (BYTE_KEYS.has(key) || key === 'memory' || key === 'storage') return parseMemory(text) ?? 0;
  return Number(text) || 0;
}

function add(to: Record<string, number>, key: string, amount: number): void {
  if (amount > 0) to[key] = (to[key] ?? 0) + amount;
}

/**
 * What a workload's objects take of a quota when `pods` pods run: the requests and
 * limits of every container (app and native sidecars; a plain init container counts
 * when it asks for more than they do together), the claims of a StatefulSet's volume
 * templates, and the pods themselves. A Deployment also counts the pods a rolling update
 * adds (default `maxSurge` 25%, rounded up): a quota without room for them stalls every
 * rollout, since the new pod is refused and, with few replicas, no old one may go first
 * (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-surge).
 */
export function quotaUsage(workload: string, objects: ReadonlyArray<Record<string, any>>, pods: number): QuotaUsage {
  const amounts: Record<string, number> = {};
  const controller = objects.find(o => findPodTemplate(o) !== undefined);
  const surge = controller?.kind === 'Deployment' && controller.spec?.strategy === undefined ? Math.ceil(pods / 4) : 0;
  const peak = pods + surge;
  const spec = controller ? findPodTemplate(controller)!.spec : undefined;
  if (spec) {
    const perPod: Record<string, number> = {};
    const running = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always')];
    for (const c of running) {
      for (const [kind, values] of [['requests', c.resources?.requests], ['limits', c.resources?.limits]] as const) {
        for (const [name, value] of Object.entries<any>(values ?? {})) {
          if (kind === 'limits' && name !== 'cpu' && name !== 'memory') continue; // extended resources are quota'd by requests
          add(perPod, `${kind}.${name}`, amountOf(`${kind}.${name}`, value));
        }
      }
    }
    for (const init of (spec.initContainers ?? []).filter((c: any) => c.restartPolicy !== 'Always')) {
      for (const [name, value] of Object.entries<any>(init.resources?.requests ?? {})) {
        const key = `requests.${name}`;
        perPod[key] = Math.max(perPod[key] ?? 0, amountOf(key, value));
      }
    }
    for (const [key, amount] of Object.entries(perPod)) add(amounts, key, amount * peak);
    add(amounts, 'pods', peak);
  }
  for (const claim of controller?.spec?.volumeClaimTemplates ?? []) {
    add(amounts, 'requests.storage', amountOf('requests.storage', claim.spec?.resources?.requests?.storage) * pods);
    add(amounts, 'persistentvolumeclaims', pods);
  }
  return { workload, pods, surge, amounts };
}

/** Shows a base-unit amount of quota key `key` the way a user writes it. */
export function showAmount(key: string, amount: number): string {
  if (CPU_KEYS.has(key)) return amount % 1000 === 0 ? String(amount / 1000) : `${amount}m`;
  if (BYTE_KEYS.has(key)) {
    for (const [unit, size] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
      if (amount % size === 0) return `${amount / size}${unit}`;
    }
  }
  return String(amount);
}

/**
 * Fails when the workloads of a team namespace on a cluster need more than its quota
 * allows there, naming the team, the cluster, the key, both amounts and each workload's share.
 */
export function checkQuota(teamPath: string, cluster: string, namespace: string, quota: TeamQuota | undefined, usages: readonly QuotaUsage[]): void {
  if (!quota || usages.length === 0) return;
  for (const [key, value] of Object.entries(quotaHard(quota))) {
    const allowed = amountOf(key, value);
    const total = usages.reduce((sum, u) => sum + (u.amounts[key] ?? 0), 0);
    if (total <= allowed) continue;
    const shares = usages.filter(u => u.amounts[key])
      .map(u => `'${u.workload}' ${showAmount(key, u.amounts[key])} (${u.pods} pod(s)${u.surge ? ` + ${u.surge} during a rollout` : ''})`).join(', ');
    throw new FleetValidationError(
      `team '${teamPath}': on cluster '${cluster}', namespace '${namespace}' needs ${key} ${showAmount(key, total)} but the team's quota there is ${value}; ` +
      `workloads: ${shares}. Raise the team's quota for the cluster (clusterQuotas) or lower the workloads' replicas or requests`,
      usages[usages.length - 1].workload, ErrorCode.QUOTA,
    );
  }
}
