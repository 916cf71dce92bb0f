import { PolicyInput } from '../input';
import { PolicyRule } from '../rule';
import { TerraformResourceRef } from '../terraform-resources';

/** A violation on one Terraform resource. */
export interface HardeningViolation {
  readonly ref: TerraformResourceRef;
  /** JSON path of the offending field. */
  readonly path: string;
  readonly message: string;
}

/** One cluster hardening rule and how to evaluate it over the Terraform stacks. */
export interface HardeningCheck {
  readonly rule: PolicyRule;
  readonly evaluate: (input: PolicyInput) => HardeningViolation[];
}
