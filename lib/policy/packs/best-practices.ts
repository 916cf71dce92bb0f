import { ContainerViolation, containerViolations } from './best-practices-containers';
import { coverageGaps } from './best-practices-coverage';
import { namespaceFindings } from './best-practices-namespaces';
import { configureRules, ConfiguredRules } from './pack-rules';
import { PolicyInput } from '../input';
import { IPolicyPack, PolicyMode, PolicyPackOptions } from '../pack';
import { PolicyQuery } from '../query';
import { PolicyFinding, PolicyLevel, PolicyRule } from '../rule';

/** Version of the best-practice rules. */
export const BEST_PRACTICES_VERSION = '1.0.0';

const RULES: PolicyRule[] = [
  {
    id: 'CKF-K8S-001',
    level: PolicyLevel.WARNING,
    scannerIds: ['CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13'],
    description: 'Every container sets CPU and memory requests and limits.',
    fixHint: 'Give the workload resources (cpu, memory; limits default to the requests).',
  },
  {
    id: 'CKF-K8S-002',
    level: PolicyLevel.WARNING,
    scannerIds: ['CKV_K8S_8'],
    description: 'Serving containers (Deployment, StatefulSet, DaemonSet, ReplicaSet) have a liveness probe.',
    fixHint: 'Give the workload a healthPath (or a probe) so the kubelet restarts hung containers.',
  },
  {
    id: 'CKF-K8S-003',
    level: PolicyLevel.WARNING,
    scannerIds: ['CKV_K8S_9'],
    description: 'Serving containers (Deployment, StatefulSet, DaemonSet, ReplicaSet) have a readiness probe.',
    fixHint: 'Give the workload a healthPath (or a probe) so traffic only reaches ready pods.',
  },
  {
    id: 'CKF-K8S-004',
    level: PolicyLevel.WARNING,
    scannerIds: ['CKV_K8S_14'],
    description: 'Images are pinned: a version tag other than latest, or a digest.',
    fixHint: 'Reference images as registry/name:1.2.3 or registry/name@sha256:...',
  },
  {
    id: 'CKF-K8S-005',
    level: PolicyLevel.INFO,
    scannerIds: ['CKV_K8S_43'],
    description: 'Images are pinned by digest (tags can be moved).',
    fixHint: 'Reference images as registry/name:1.2.3@sha256:... for byte-identical rollouts.',
  },
  {
    id: 'CKF-K8S-006',
    level: PolicyLevel.WARNING,
    description: 'A NetworkPolicy in the same namespace and directory selects every pod.',
    fixHint: 'Workloads ship their own NetworkPolicy; for other pods add one whose podSelector matches their labels.',
  },
  {
    id: 'CKF-K8S-007',
    level: PolicyLevel.WARNING,
    description: 'Workloads with more than one replica have a PodDisruptionBudget.',
    fixHint: 'Add a PodDisruptionBudget (maxUnavailable: 1) selecting the pods, so node drains keep the service up.',
  },
  {
    id: 'CKF-K8S-008',
    level: PolicyLevel.ERROR,
    description: 'No secret-looking environment variable (*PASSWORD*, *SECRET*, *TOKEN*, *KEY*) has a literal value.',
    fixHint: 'Read secrets from a Secret (valueFrom.secretKeyRef) or a mounted file, never from a literal in the manifest.',
  },
  {
    id: 'CKF-K8S-009',
    level: PolicyLevel.WARNING,
    scannerIds: ['CKV_K8S_26'],
    description: 'No container binds a host port.',
    fixHint: 'Expose the pod through a Service instead of hostPort.',
  },
  {
    id: 'CKF-K8S-010',
    level: PolicyLevel.ERROR,
    description: 'Pods run in namespaces the output writes with a Pod Security Admission enforce label (baseline or restricted).',
    fixHint: 'Put the workload in a namespace of the fleet or a team (every Namespace cdk-fleet writes enforces restricted); never in default or kube-*.',
  },
  {
    id: 'CKF-K8S-011',
    level: PolicyLevel.WARNING,
    description: 'In a fleet with teams, every workload on a cluster belongs to a team.',
    fixHint: 'Give the workload a team (team: payments) so it runs in the team\'s namespace, under its quota and cost labels.',
  },
];

const SERVING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** Options of the Kubernetes best-practices pack. */
export interface BestPracticesOptions extends PolicyPackOptions {
  /**
   * Also note every image pinned by tag rather than digest (CKF-K8S-005, info). Off by
   * default: a fleet of thousands of edge sites would carry one note per container.
   * @default false
   */
  readonly requireDigests?: boolean;
}

/**
 * Kubernetes best practices over every object: requests and limits, probes on serving
 * workloads, pinned images, NetworkPolicy and PodDisruptionBudget coverage, no secrets
 * in env values, no host ports, pods only in namespaces that enforce Pod Security, and
 * (in a fleet with teams) every cluster workload in a team. Default mode: `warn` (errors are reported as warnings).
 */
export class KubernetesBestPractices implements IPolicyPack {
  /** Every rule, less `options.exclude`. */
  public static recommended(options: BestPracticesOptions = {}): KubernetesBestPractices {
    return new KubernetesBestPractices(options);
  }

  /** Pack id, shown in the reports. */
  public readonly id: string = 'kubernetes-best-practices';
  /** Version of the pack's rules (the policy version for Pod Security). */
  public readonly version: string = BEST_PRACTICES_VERSION;
  /** Every rule the pack can report (excluded rules are not among them). */
  public readonly rules: PolicyRule[];
  /**
   * What the pack's findings do.
   * @default - see the pack
   */
  public readonly mode?: PolicyMode;
  /** Container violations per pod spec object and (spec path, serving), so shared specs are checked once. */
  private readonly memo = new WeakMap<object, Map<string, ContainerViolation[]>>();

  private readonly requireDigests: boolean;
  /** Rule ids the pack was told not to report (`options.exclude`), sorted. */
  public readonly excluded: string[];
  private readonly configured: ConfiguredRules;

  private constructor(options: BestPracticesOptions) {
    this.configured = configureRules('KubernetesBestPractices.recommended', RULES.map(r => ({ ...r })), options, PolicyMode.WARN);
    this.rules = this.configured.rules;
    this.mode = this.configured.mode;
    this.excluded = this.configured.excluded;
    this.requireDigests = options.requireDigests ?? false;
  }

  /** Runs every rule once over the whole output. */
  public evaluate(input: PolicyInput): PolicyFinding[] {
    const query = PolicyQuery.of(input);
    const findings: PolicyFinding[] = [];
    for (const template of query.podTemplates()) {
      const entry = template.owner;
      const serving = SERVING_KINDS.has(entry.object.kind);
      let byKey = this.memo.get(template.spec);
      if (!byKey) this.memo.set(template.spec, byKey = new Map());
      const key = `${template.specPath}|${serving}`;
      let found = byKey.get(key);
      if (!found) byKey.set(key, found = containerViolations(template, serving));
      for (const v of found) {
        if (v.ruleId === 'CKF-K8S-005' && !this.requireDigests) continue;
        findings.push({ ruleId: v.ruleId, message: v.message, constructPath: entry.constructPath, file: entry.file, jsonPath: v.jsonPath });
      }
    }
    findings.push(...namespaceFindings(query));
    const gaps = coverageGaps(query);
    for (const o of gaps.uncoveredByNetworkPolicy) {
      findings.push({
        ruleId: 'CKF-K8S-006',
        constructPath: o.entry.constructPath,
        file: o.entry.file,
        jsonPath: o.labelsPath,
        message: `${o.entry.object.kind} "${o.entry.object.metadata?.name}": no NetworkPolicy in namespace "${o.entry.object.metadata?.namespace ?? 'default'}" selects its pods`,
      });
    }
    for (const o of gaps.withoutDisruptionBudget) {
      findings.push({
        ruleId: 'CKF-K8S-007',
        constructPath: o.entry.constructPath,
        file: o.entry.file,
        jsonPath: 'spec.replicas',
        message: `${o.entry.object.kind} "${o.entry.object.metadata?.name}" runs ${o.replicas} replicas but no PodDisruptionBudget selects its pods`,
      });
    }
    return this.configured.apply(findings);
  }
}
