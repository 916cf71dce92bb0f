import { PolicyQuery, PolicyTerraformResource } from '../query';
import { PolicyRule } from '../rule';

/** A violation on one Terraform resource. */
export interface HardeningViolation {
  readonly ref: PolicyTerraformResource;
  /** JSON path of the offending field. */
  readonly path: string;
  readonly message: string;
}

/** One cluster hardening rule and how to evaluate it over the Terraform stacks. */
export interface HardeningCheck {
  readonly rule: PolicyRule;
  readonly evaluate: (query: PolicyQuery) => HardeningViolation[];
}
