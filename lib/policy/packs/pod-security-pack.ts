import { configureRules, ConfiguredRules } from './pack-rules';
import { FleetValidationError } from '../../core/errors';
import { PolicyInput } from '../input';
import { IPolicyPack, PolicyMode, PolicyPackOptions } from '../pack';
import { checksFor, POD_SECURITY_CHECKS } from '../pod-security/checks';
import { formatPodSecurityVersion, parsePodSecurityVersion, PodSecurityLevel } from '../pod-security/levels';
import { evaluateObject, PodSecurityFinding } from '../pod-security/pod-security';
import { PolicyPodTemplate, PolicyQuery } from '../query';
import { PolicyFinding, PolicyLevel, PolicyRule } from '../rule';

/** Options of the Pod Security Standards packs. */
export interface PodSecurityPackOptions extends PolicyPackOptions {
  /**
   * Pod Security Admission policy version the pods are checked at (`v1.30`, `v1.33`, `latest`, ...).
   * @default 'latest' (the newest modelled version, v1.37)
   */
  readonly version?: string;
}

/** Prefix of every Pod Security rule id; the rest is the upstream check id (`CKF-PSS-privileged`). */
export const POD_SECURITY_RULE_PREFIX = 'CKF-PSS-';

/** Checkov checks that cover the same control. */
const SCANNER_IDS: Record<string, string[]> = {
  privileged: ['CKV_K8S_16'],
  hostNamespaces: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'],
  allowPrivilegeEscalation: ['CKV_K8S_20'],
  runAsNonRoot: ['CKV_K8S_23'],
  hostPorts: ['CKV_K8S_26'],
  seccompProfile_restricted: ['CKV_K8S_31'],
  capabilities_restricted: ['CKV_K8S_37'],
};

/**
 * The Pod Security Standards (as Kubernetes Pod Security Admission defines them, by
 * policy version) over every pod template of the output: Pod, Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job, CronJob, ReplicationController, PodTemplate. One
 * finding per failed check, with rule id `CKF-PSS-<check>` and level error.
 * Default mode: `enforce`.
 */
export class PodSecurity implements IPolicyPack {
  /** The `baseline` level: no known privilege escalations. */
  public static baseline(options: PodSecurityPackOptions = {}): PodSecurity {
    return new PodSecurity(PodSecurityLevel.BASELINE, options);
  }

  /** The `restricted` level: baseline plus current pod hardening (what cdk-fleet's workloads meet). */
  public static restricted(options: PodSecurityPackOptions = {}): PodSecurity {
    return new PodSecurity(PodSecurityLevel.RESTRICTED, options);
  }

  /** Pack id, shown in the reports. */
  public readonly id: string;
  /** Version of the pack's rules (the policy version for Pod Security). */
  public readonly version: string;
  /** Every rule the pack can report. */
  public readonly rules: PolicyRule[];
  /**
   * What the pack's findings do.
   * @default - see the pack
   */
  public readonly mode?: PolicyMode;
  /** The Pod Security level checked. */
  public readonly level: PodSecurityLevel;
  /** Rule ids the pack was told not to report (`options.exclude`), sorted. */
  public readonly excluded: string[];
  private readonly configured: ConfiguredRules;
  /**
   * Findings per pod spec object, then per spec path and pod annotations (the only
   * metadata the checks read), so a spec shared by many stamped objects is checked once.
   */
  private readonly memo = new WeakMap<object, Map<string, PodSecurityFinding[]>>();

  private constructor(level: PodSecurityLevel, options: PodSecurityPackOptions) {
    const version = options.version ?? 'latest';
    let parsed;
    try {
      parsed = parsePodSecurityVersion(version);
    } catch (e) {
      throw new FleetValidationError(`PodSecurity.${level}: ${(e as Error).message}`);
    }
    this.level = level;
    this.id = `pod-security-${level}`;
    this.version = formatPodSecurityVersion(parsed);
    const applicable = new Set(checksFor(level, parsed).map(c => c.id));
    const all = POD_SECURITY_CHECKS.filter(c => applicable.has(c.id)).map(check => ({
      id: `${POD_SECURITY_RULE_PREFIX}${check.id}`,
      level: PolicyLevel.ERROR,
      description: `Pod Security ${check.level} '${check.id}': ${check.description}`,
      fixHint: 'Keep the workload\'s hardened pod template defaults, or change the field named in the finding to an allowed value.',
      ...(SCANNER_IDS[check.id] ? { scannerIds: SCANNER_IDS[check.id] } : {}),
    }));
    this.configured = configureRules(`PodSecurity.${level}`, all, options, PolicyMode.ENFORCE);
    this.rules = this.configured.rules;
    this.mode = this.configured.mode;
    this.excluded = this.configured.excluded;
  }

  /** Runs every rule once over the whole output. */
  public evaluate(input: PolicyInput): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const template of PolicyQuery.of(input).podTemplates()) {
      const entry = template.owner;
      for (const f of this.evaluateTemplate(template)) {
        findings.push({ ruleId: `${POD_SECURITY_RULE_PREFIX}${f.check}`, message: f.message, constructPath: entry.constructPath, file: entry.file, jsonPath: f.jsonPath });
      }
    }
    return this.configured.apply(findings);
  }

  private evaluateTemplate(template: PolicyPodTemplate): PodSecurityFinding[] {
    let byKey = this.memo.get(template.spec);
    if (!byKey) this.memo.set(template.spec, byKey = new Map());
    const annotations = template.metadata.annotations;
    const key = annotations === undefined ? template.specPath : `${template.specPath}|${JSON.stringify(annotations)}`;
    let found = byKey.get(key);
    if (!found) byKey.set(key, found = evaluateObject(template.owner.object, this.level, this.version));
    return found;
  }
}
