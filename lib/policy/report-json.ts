import { PolicyResult, ResolvedFinding } from './engine';
import { PolicyLevel } from './rule';
import { compareStrings } from '../core/compare';

/** Version of the `policy/report.json` layout. */
export const POLICY_REPORT_VERSION = 1;

/** Counts of unsuppressed findings per level, and of suppressed ones. */
export interface PolicyCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly suppressed: number;
}

/** Findings in report order: by file, JSON path, rule, construct path, message. */
export function sortFindings(findings: readonly ResolvedFinding[]): ResolvedFinding[] {
  const key = (f: ResolvedFinding) => [f.file, f.jsonPath, f.ruleId, f.constructPath, f.message];
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}

/** Counts over `findings`: suppressed findings count only as suppressed. */
export function countFindings(findings: readonly ResolvedFinding[]): PolicyCounts {
  const counts = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) counts.suppressed++;
    else counts[f.level]++;
  }
  return counts;
}

/** The object written as `policy/report.json` (serialize it with sorted keys). */
export function policyReport(result: PolicyResult): Record<string, unknown> {
  const findings = sortFindings(result.findings);
  const byRule: Record<string, PolicyCounts> = {};
  for (const f of findings) {
    const c = byRule[f.ruleId] ?? (byRule[f.ruleId] = { error: 0, warning: 0, info: 0, suppressed: 0 });
    (c as any)[f.suppressed ? 'suppressed' : f.level]++;
  }
  return {
    reportVersion: POLICY_REPORT_VERSION,
    mode: result.mode,
    packs: result.packs.map(({ pack, mode }) => ({ id: pack.id, version: pack.version, mode, rules: pack.rules.map(r => r.id).sort() })),
    rules: [...result.rules.values()].sort((a, b) => compareStrings(a.rule.id, b.rule.id)).map(({ rule, pack }) => ({
      id: rule.id, pack, level: rule.level, description: rule.description, fixHint: rule.fixHint, scannerIds: rule.scannerIds ?? [],
    })),
    counts: { ...countFindings(findings), byRule },
    findings,
    suppressions: result.suppressions.map(u => ({ ...u.suppression, matched: u.matched, ignored: u.ignored }))
      .sort((a, b) => compareStrings(`${a.scope}\u0000${a.ruleId ?? ''}\u0000${a.jsonPath ?? ''}`, `${b.scope}\u0000${b.ruleId ?? ''}\u0000${b.jsonPath ?? ''}`)),
    unsuppressible: result.unsuppressible,
  };
}

/** One line for the console: `policy: 0 errors, 3 warnings, 1 info (2 suppressed)`. */
export function policySummaryLine(counts: PolicyCounts): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `policy: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info (${counts.suppressed} suppressed)`;
}

/** Level names SARIF uses. */
export function sarifLevel(level: PolicyLevel): 'error' | 'warning' | 'note' {
  return level === PolicyLevel.INFO ? 'note' : level;
}
