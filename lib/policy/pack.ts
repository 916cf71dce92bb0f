import { PolicyInput } from './input';
import { PolicyFinding, PolicyLevel, PolicyRule } from './rule';

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
  /**
   * Rule ids the pack does not report (and does not declare), e.g. `['CKF-K8S-007']`.
   * An id the pack does not have is an error that lists the pack's rule ids. A
   * suppression of an excluded rule is an error too (no pack declares it): remove it.
   * @default - every rule of the pack
   */
  readonly exclude?: string[];
  /**
   * The level of the pack's findings per rule id, replacing the rule's own level,
   * e.g. `{ 'CKF-K8S-004': PolicyLevel.ERROR }` to fail on unpinned images (the pack's
   * mode still applies: a `warn` pack reports errors as warnings).
   * @default - each rule's own level
   */
  readonly levels?: { [ruleId: string]: PolicyLevel };
}
