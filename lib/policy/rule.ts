/** How serious a finding is. */
export enum PolicyLevel {
  /** Fails synthesis when the pack is enforced. */
  ERROR = 'error',
  /** Reported, never fails synthesis. */
  WARNING = 'warning',
  /** Reported for information. */
  INFO = 'info',
}

/** A rule of a policy pack. */
export interface PolicyRule {
  /** Stable id, e.g. `CKF-AWS-002` or `CKF-PSS-privileged`; never reused for another meaning. */
  readonly id: string;
  /** Level of the rule's findings. */
  readonly level: PolicyLevel;
  /** What the rule checks, in one line. */
  readonly description: string;
  /** How to fix a finding, in one or two sentences. */
  readonly fixHint: string;
  /**
   * Ids of the same check in well-known scanners, e.g. `['CKV_AWS_38']` (Checkov).
   * @default - none
   */
  readonly scannerIds?: string[];
}

/** One rule violation, as a pack reports it. */
export interface PolicyFinding {
  /** Id of the violated rule (one of the pack's `rules`). */
  readonly ruleId: string;
  /** What is wrong: the offending value and what is accepted. */
  readonly message: string;
  /** Path of the construct that produced the offending object, e.g. `fleet/prod-us/cluster`. */
  readonly constructPath: string;
  /** Artifact file relative to the output directory, e.g. `terraform/prod-us/main.tf.json`. */
  readonly file: string;
  /**
   * Path of the offending field inside the file's object, e.g.
   * `resource.aws_eks_cluster.cluster.vpc_config.endpoint_public_access` or
   * `spec.template.spec.containers[0].securityContext.runAsNonRoot`.
   */
  readonly jsonPath: string;
  /**
   * Level of this finding.
   * @default - the rule's level
   */
  readonly level?: PolicyLevel;
}
