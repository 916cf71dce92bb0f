import { PolicyInput } from './input';
import { PolicyFinding, PolicyRule } from './rule';

/** What a pack's findings do. */
export enum PolicyMode {
  /** Error findings fail synthesis; nothing is written. */
  ENFORCE = 'enforce',
  /** Findings are reported; errors are reported as warnings and never fail synthesis. */
  WARN = 'warn',
  /** The pack does not run. */
  OFF = 'off',
}

/**
 * A set of rules run once over the synthesized output. Implement it to ship your own
 * pack (in your own package): declare the rules, return findings from `evaluate`.
 * Evaluation must not mutate the input and should be linear in its size.
 */
export interface IPolicyPack {
  /** Stable pack id, e.g. `pod-security-restricted`. */
  readonly id: string;
  /** Version of the pack's rules, shown in the reports. */
  readonly version: string;
  /** Every rule the pack can report. */
  readonly rules: PolicyRule[];
  /**
   * What the pack's findings do.
   * @default PolicyMode.ENFORCE
   */
  readonly mode?: PolicyMode;
  /** Returns the findings over the whole output; every `ruleId` must be one of `rules`. */
  evaluate(input: PolicyInput): PolicyFinding[];
}

/** Options every bundled pack accepts. */
export interface PolicyPackOptions {
  /**
   * What the pack's findings do.
   * @default - the pack's default (see the pack)
   */
  readonly mode?: PolicyMode;
}
