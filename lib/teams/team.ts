import { Construct } from 'constructs';
import { TeamClusterQuota, TeamLimitDefaults, TeamMembers, TeamProps, TeamQuota } from './team-options';
import { ICluster } from '../clusters/cluster';
import { assertUniqueChildId, invalid, show } from '../core/errors';
import { labelKeyProblem, labelProblem } from '../core/names';
import { TEAM_LABEL, workloadNamespaceProblem } from '../core/namespaces';
import { parseCpu, parseMemory } from '../core/quantity';
import { tagProblem } from '../core/tags';

const KIND = 'team';


/**
 * An application team: its own namespaces on the clusters it may use, each enforcing
 * Pod Security `restricted` (pinned to the cluster's version), with a ResourceQuota,
 * a LimitRange, a default-deny ingress NetworkPolicy (other teams' pods cannot reach
 * its pods unless a workload allows them), edit rights for its members through each
 * cloud's identity (EKS access entries, GKE Google Groups RBAC, AKS Azure RBAC), and
 * `team` / `cost-center` labels and tags on everything it owns. Workloads join it with
 * `team`.
 */
export class Team extends Construct {
  /** The team's name (the construct id): a DNS-1123 label. */
  public readonly teamName: string;
  /** The team's namespaces. */
  public readonly namespaces: string[];
  /** Where the team's workloads go unless they name another of its namespaces. */
  public readonly namespace: string;
  /**
   * Cost center.
   * @default - none
   */
  public readonly costCenter?: string;
  /** Labels (and tags) on everything the team owns: `team`, `cost-center` and `cdk-fleet.io/team`. */
  public readonly labels: { [key: string]: string };
  /** Members per cloud. */
  public readonly members: TeamMembers;
  /** Clusters named in `clusters`. */
  public readonly clusters: ICluster[];
  /** Labels selecting further clusters (empty: none). */
  public readonly clusterSelector: { [key: string]: string };
  /** Container defaults of the LimitRange. */
  public readonly limits: TeamLimitDefaults;
  private readonly quota?: TeamQuota;
  private readonly clusterQuotas: TeamClusterQuota[];

  constructor(scope: Construct, id: string, props: TeamProps = {}) {
    assertUniqueChildId(KIND, scope, id);
    super(scope, id);
    const idProblem = workloadNamespaceProblem(id) ?? tagProblem('team', id);
    if (idProblem) invalid(KIND, this, `name ${show(id)} cannot name a team: ${idProblem}`);
    this.teamName = id;
    this.namespaces = [...(props.namespaces ?? [id])];
    if (this.namespaces.length === 0) invalid(KIND, this, 'namespaces is empty; give at least one, or leave it out for a namespace named after the team');
    this.namespaces.forEach((ns, i) => {
      const problem = workloadNamespaceProblem(ns);
      if (problem) invalid(KIND, this, `namespaces[${i}] ${show(ns)} cannot be a team namespace: ${problem}`);
      if (this.namespaces.indexOf(ns) !== i) invalid(KIND, this, `namespaces[${i}] ${show(ns)} is listed twice; list each namespace once`);
    });
    this.namespace = this.namespaces[0];
    if (props.costCenter !== undefined) {
      const problem = tagProblem('cost-center', props.costCenter);
      if (problem) invalid(KIND, this, `costCenter ${show(props.costCenter)} is not a valid tag: ${problem}`);
    }
    this.costCenter = props.costCenter;
    this.labels = { team: id, ...(props.costCenter ? { 'cost-center': props.costCenter } : {}), [TEAM_LABEL]: id };
    this.members = checkMembers(this, props.members ?? {});
    this.clusters = [...(props.clusters ?? [])];
    this.clusterSelector = { ...(props.clusterSelector ?? {}) };
    if (props.clusterSelector !== undefined && Object.keys(this.clusterSelector).length === 0) {
      invalid(KIND, this, 'clusterSelector is empty; give at least one label, or leave it out (with no clusters either, the team may use every cluster)');
    }
    for (const [key, value] of Object.entries(this.clusterSelector)) {
      const problem = labelProblem(key, value);
      if (problem) invalid(KIND, this, `clusterSelector ${show(key)}=${show(value)} is not a valid Kubernetes label: ${problem}`);
    }
    this.quota = props.quota;
    if (props.quota) checkQuota(this, 'quota', props.quota);
    this.clusterQuotas = [...(props.clusterQuotas ?? [])];
    this.clusterQuotas.forEach((q, i) => {
      if (this.clusterQuotas.findIndex(o => o.cluster === q.cluster) !== i) {
        invalid(KIND, this, `clusterQuotas[${i}]: cluster '${q.cluster?.node.path}' has a quota already; give each cluster one`);
      }
      checkQuota(this, `clusterQuotas[${i}].quota`, q.quota ?? {});
    });
    this.limits = { cpuRequest: '100m', memoryRequest: '128Mi', cpuLimit: '500m', memoryLimit: '512Mi', ...(props.limits ?? {}) };
    checkLimits(this, this.limits);
  }

  /**
   * The quota of each of the team's namespaces on `cluster`: its entry in
   * `clusterQuotas`, else `quota`.
   * @returns the quota, or undefined when the team has none there
   */
  public quotaOn(cluster: ICluster): TeamQuota | undefined {
    return this.clusterQuotas.find(q => q.cluster === cluster)?.quota ?? this.quota;
  }
}

function checkMembers(team: Team, members: TeamMembers): TeamMembers {
  const lists: Array<[string, string[] | undefined, RegExp, string]> = [
    ['awsPrincipalArns', members.awsPrincipalArns, /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/\S+$/, 'an IAM role or user ARN (\'arn:aws:iam::<account>:role/<name>\')'],
    ['googleGroups', members.googleGroups, /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'a Google Group email (\'payments-devs@example.com\')'],
    ['azureGroupObjectIds', members.azureGroupObjectIds, /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'a Microsoft Entra group object id (a GUID)'],
  ];
  for (const [name, list, pattern, what] of lists) {
    (list ?? []).forEach((value, i) => {
      if (typeof value !== 'string' || !pattern.test(value)) invalid(KIND, team, `members.${name}[${i}] ${show(value)} is not ${what}`);
      if (list!.indexOf(value) !== i) invalid(KIND, team, `members.${name}[${i}] ${show(value)} is listed twice`);
    });
  }
  const domains = new Set((members.googleGroups ?? []).map(g => g.split('@')[1].toLowerCase()));
  if (domains.size > 1) {
    invalid(KIND, team, `members.googleGroups use several domains (${[...domains].sort().join(', ')}); Google Groups for RBAC reads one gke-security-groups@<domain> group, so use groups of one domain`);
  }
  return {
    awsPrincipalArns: [...(members.awsPrincipalArns ?? [])],
    googleGroups: [...(members.googleGroups ?? [])],
    azureGroupObjectIds: [...(members.azureGroupObjectIds ?? [])],
  };
}

function checkQuota(team: Team, where: string, q: TeamQuota): void {
  for (const [field, value] of [['cpu', q.cpu], ['cpuLimit', q.cpuLimit]] as const) {
    if (value !== undefined && parseCpu(value) === undefined) invalid(KIND, team, `${where}.${field} ${show(value)} is not a CPU quantity (e.g. '8' or '500m')`);
  }
  for (const [field, value] of [['memory', q.memory], ['memoryLimit', q.memoryLimit], ['storage', q.storage]] as const) {
    if (value !== undefined && parseMemory(value) === undefined) invalid(KIND, team, `${where}.${field} ${show(value)} is not a byte quantity (e.g. '64Gi')`);
  }
  for (const [field, value] of [['persistentVolumeClaims', q.persistentVolumeClaims], ['pods', q.pods]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) invalid(KIND, team, `${where}.${field} ${show(value)} must be a whole number ≥ 0`);
  }
  for (const [name, count] of Object.entries(q.gpus ?? {})) {
    const problem = labelKeyProblem(name);
    if (problem || !name.includes('/')) invalid(KIND, team, `${where}.gpus key ${show(name)} is not an extended resource name (e.g. 'nvidia.com/gpu')`);
    if (!Number.isInteger(count) || count < 0) invalid(KIND, team, `${where}.gpus[${show(name)}] ${show(count)} must be a whole number ≥ 0`);
  }
}

function checkLimits(team: Team, l: TeamLimitDefaults): void {
  for (const [field, value] of [['cpuRequest', l.cpuRequest], ['cpuLimit', l.cpuLimit]] as const) {
    if (parseCpu(value ?? '') === undefined) invalid(KIND, team, `limits.${field} ${show(value)} is not a CPU quantity (e.g. '250m')`);
  }
  for (const [field, value] of [['memoryRequest', l.memoryRequest], ['memoryLimit', l.memoryLimit]] as const) {
    if (parseMemory(value ?? '') === undefined) invalid(KIND, team, `limits.${field} ${show(value)} is not a byte quantity (e.g. '256Mi')`);
  }
  if (parseCpu(l.cpuRequest!)! > parseCpu(l.cpuLimit!)!) invalid(KIND, team, `limits.cpuRequest ${show(l.cpuRequest)} exceeds limits.cpuLimit ${show(l.cpuLimit)}`);
  if (parseMemory(l.memoryRequest!)! > parseMemory(l.memoryLimit!)!) {
    invalid(KIND, team, `limits.memoryRequest ${show(l.memoryRequest)} exceeds limits.memoryLimit ${show(l.memoryLimit)}`);
  }
}
