import { IConstruct } from 'constructs';
import { ErrorCode } from '../../core/error-codes';
import { FleetValidationError } from '../../core/errors';
import { stableJson } from '../../core/stable-json';
import { FleetWarning, WarningId } from '../../core/warnings';
import { ResolvedFinding, runPolicy } from '../../policy/engine';
import { PolicyInput } from '../../policy/input';
import { jsonLine } from '../../policy/json-line';
import { PolicyMode } from '../../policy/pack';
import { PolicyOptions, PolicyPacks } from '../../policy/policy-options';
import { countFindings, PolicyCounts, policyReport, sortFindings } from '../../policy/report-json';
import { policySarif } from '../../policy/report-sarif';
import { PolicySuppressions } from '../../policy/suppressions';

/** Where the policy reports go, relative to the output directory. */
export const POLICY_REPORT_FILE = 'policy/report.json';
export const POLICY_SARIF_FILE = 'policy/report.sarif';

/** Error findings listed one by one in the synth error; the rest are counted per rule. */
const MAX_LISTED = 20;

/** What the policy step adds to the output. */
export interface PolicyStep {
  /** `policy/report.json` and `policy/report.sarif` (none when the fleet's mode is off). */
  readonly files: Map<string, string>;
  /** Counts over the findings, undefined when policy is off. */
  readonly counts?: PolicyCounts;
  /** Suppressions that matched no finding (stale or mistyped), as synth warnings. */
  readonly warnings: FleetWarning[];
}

/**
 * Runs the fleet's policy over the built output. Error findings of enforced packs
 * throw a FleetValidationError listing them (nothing is written, since synthesis
 * writes only after this returns).
 */
export function policyStep(root: IConstruct, options: PolicyOptions | undefined, input: PolicyInput): PolicyStep {
  const mode = options?.mode ?? PolicyMode.ENFORCE;
  if (mode === PolicyMode.OFF) return { files: new Map(), warnings: [] };
  const result = runPolicy(input, {
    mode,
    packs: options?.packs ?? PolicyPacks.defaults(),
    suppressions: PolicySuppressions.of(root),
    unsuppressible: options?.unsuppressible ?? [],
  });
  const failing = sortFindings(result.findings.filter(f => f.level === 'error' && !f.suppressed));
  if (failing.length > 0) {
    const lines = failing.slice(0, MAX_LISTED).map(f => {
      const rule = result.rules.get(f.ruleId)?.rule;
      return `  ${f.ruleId} ${f.constructPath}\n    ${f.file} ${f.jsonPath}\n    ${f.message}${rule ? `\n    fix: ${rule.fixHint}` : ''}`;
    });
    if (failing.length > MAX_LISTED) {
      const perRule = new Map<string, number>();
      for (const f of failing) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
      lines.push(`  ... and ${failing.length - MAX_LISTED} more; per rule: ${[...perRule].sort().map(([id, n]) => `${id} ×${n}`).join(', ')}`);
    }
    throw new FleetValidationError(
      `policy: ${failing.length} error finding(s) of enforced packs; nothing was written:\n${lines.join('\n')}\n` +
      'Fix them, or suppress one with PolicySuppressions.add(construct, { ruleId, reason }) (a reason of 10+ characters), ' +
      "or set the pack's mode to PolicyMode.WARN.", '', ErrorCode.POLICY);
  }
  const stacks = new Map(input.terraform.map(t => [t.file, t.json]));
  const withLine = (f: ResolvedFinding) => stacks.has(f.file) ? { ...f, line: jsonLine(stacks.get(f.file), f.jsonPath) } : f;
  const located = { ...result, findings: result.findings.map(withLine) };
  const files = new Map<string, string>([
    [POLICY_REPORT_FILE, stableJson(policyReport(located))],
    [POLICY_SARIF_FILE, stableJson(policySarif(located))],
  ]);
  const warnings = result.suppressions.filter(u => u.matched === 0 && u.ignored === 0).map(u => ({
    id: WarningId.POLICY_SUPPRESSION_UNMATCHED,
    path: u.suppression.scope,
    message: `policy suppression${u.suppression.ruleId ? ` of '${u.suppression.ruleId}'` : ''}${u.suppression.jsonPath ? ` at ${u.suppression.jsonPath}` : ''} ` +
      'matches no finding; remove it (or it will silently hide a future finding)',
  }));
  return { files, counts: countFindings(result.findings), warnings };
}
