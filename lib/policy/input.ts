/** One rendered Terraform stack. */
export interface PolicyTerraformArtifact {
  /** File relative to the output directory, e.g. `terraform/prod-us/main.tf.json`. */
  readonly file: string;
  /** Stack name. */
  readonly stack: string;
  /**
   * The stack as written (before serialization). Each resource carries its construct
   * path in `"//": { metadata: { path } }`.
   */
  readonly json: { [key: string]: any };
}

/** One Kubernetes object of the output. */
export interface PolicyKubernetesObject {
  /** File relative to the output directory, e.g. `kubernetes/prod-us/web.yaml`. */
  readonly file: string;
  /** Path of the construct that produced the object (a workload, cluster or site). */
  readonly constructPath: string;
  /** The object as written (before serialization). Rules must not mutate it. */
  readonly object: { [key: string]: any };
}

/** Everything the policy packs see: the synthesized artifacts, once, after the tree is built. */
export interface PolicyInput {
  /** Every Terraform stack. */
  readonly terraform: PolicyTerraformArtifact[];
  /** Every Kubernetes object, one entry per object. */
  readonly kubernetes: PolicyKubernetesObject[];
}
