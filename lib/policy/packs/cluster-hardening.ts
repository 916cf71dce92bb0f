import { AWS_HARDENING_CHECKS } from './cluster-hardening-aws';
import { AZURE_HARDENING_CHECKS } from './cluster-hardening-azure';
import { GCP_HARDENING_CHECKS } from './cluster-hardening-gcp';
import { VERSION_HARDENING_CHECKS } from './cluster-hardening-version';
import { HardeningCheck } from './hardening-check';
import { configureRules, ConfiguredRules } from './pack-rules';
import { PolicyInput } from '../input';
import { IPolicyPack, PolicyMode, PolicyPackOptions } from '../pack';
import { PolicyQuery } from '../query';
import { PolicyFinding, PolicyRule } from '../rule';

/** Version of the cluster hardening rules. */
export const CLUSTER_HARDENING_VERSION = '1.0.0';

const CHECKS: HardeningCheck[] = [...AWS_HARDENING_CHECKS, ...GCP_HARDENING_CHECKS, ...AZURE_HARDENING_CHECKS, ...VERSION_HARDENING_CHECKS];

/**
 * Cluster hardening over the Terraform stacks, per cloud, mirroring Checkov's checks
 * (each rule lists its scanner id): EKS CKV_AWS_37/38/39/58, GKE CKV_GCP_7/12/20/25/68/69/71,
 * AKS CKV_AZURE_4/5/6/7/115/141, plus secrets encryption, workload identity and a
 * supported Kubernetes version. A public endpoint limited to known CIDRs
 * (`EndpointAccess.publicAndPrivate`) is a warning; one open to 0.0.0.0/0 is an error.
 * cdk-fleet's cluster defaults pass every rule. Default mode: `enforce`.
 */
export class ClusterHardening implements IPolicyPack {
  /** Every rule for every cloud, less `options.exclude`. */
  public static recommended(options: PolicyPackOptions = {}): ClusterHardening {
    return new ClusterHardening(options);
  }

  /** Pack id, shown in the reports. */
  public readonly id: string = 'cluster-hardening';
  /** Version of the pack's rules (the policy version for Pod Security). */
  public readonly version: string = CLUSTER_HARDENING_VERSION;
  /** Every rule the pack can report (excluded rules are not among them). */
  public readonly rules: PolicyRule[];
  /**
   * What the pack's findings do.
   * @default - see the pack
   */
  public readonly mode?: PolicyMode;
  /** Rule ids the pack was told not to report (`options.exclude`), sorted. */
  public readonly excluded: string[];
  private readonly configured: ConfiguredRules;

  private constructor(options: PolicyPackOptions) {
    this.configured = configureRules('ClusterHardening.recommended', CHECKS.map(c => c.rule), options, PolicyMode.ENFORCE);
    this.rules = this.configured.rules;
    this.mode = this.configured.mode;
    this.excluded = this.configured.excluded;
  }

  /** Runs every rule once over the whole output. */
  public evaluate(input: PolicyInput): PolicyFinding[] {
    const query = PolicyQuery.of(input);
    return this.configured.apply(CHECKS.filter(check => !this.excluded.includes(check.rule.id)).flatMap(check => check.evaluate(query).map(v => ({
      ruleId: check.rule.id, message: v.message, constructPath: v.ref.constructPath, file: v.ref.file, jsonPath: v.path,
    }))));
  }
}
