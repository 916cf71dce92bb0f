/** One problem `cdk-fleet validate` found in a synth output. */
export interface Finding {
  /** Which check found it: `manifest`, `terraform-references`. */
  readonly check: string;
  /** The artifact, relative to the output directory. */
  readonly file: string;
  /** JSON path of the offending field, when there is one. */
  readonly jsonPath?: string;
  /** What is wrong and what would be right. */
  readonly message: string;
}
