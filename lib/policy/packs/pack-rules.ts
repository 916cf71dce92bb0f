import { enumProblem, FleetValidationError, nearMatches, show } from '../../core/errors';
import { PolicyMode, PolicyPackOptions } from '../pack';
import { PolicyFinding, PolicyLevel, PolicyRule } from '../rule';

/** A bundled pack's rules after its options: what it declares, what it drops, what it re-levels. */
export interface ConfiguredRules {
  /** The rules the pack declares (excluded ones removed, levels overridden). */
  readonly rules: PolicyRule[];
  /** Excluded rule ids, sorted. */
  readonly excluded: string[];
  /** The pack's mode. */
  readonly mode: PolicyMode;
  /** Drops findings of excluded rules and applies the level overrides. */
  readonly apply: (findings: PolicyFinding[]) => PolicyFinding[];
}

/**
 * Checks a bundled pack's options (`mode`, `exclude`, `levels`) against its rules and
 * returns the configured rules. Unknown rule ids fail with the pack's valid ids.
 * @param pack how errors name the pack, e.g. `ClusterHardening.recommended`
 */
export function configureRules(pack: string, all: readonly PolicyRule[], options: PolicyPackOptions, defaultMode: PolicyMode): ConfiguredRules {
  const ids = all.map(r => r.id);
  const fail = (detail: string): never => {
    throw new FleetValidationError(`${pack}: ${detail}`);
  };
  const known = (where: string, id: unknown): string => {
    if (typeof id === 'string' && ids.includes(id)) return id;
    const near = typeof id === 'string' ? nearMatches(id, ids) : [];
    return fail(`${where} ${show(id)} is not a rule of this pack (${ids.join(', ')})` +
      (near.length > 0 ? `; did you mean ${near.map(r => `'${r}'`).join(', ')}?` : ''));
  };
  const modeProblem = options.mode === undefined ? undefined : enumProblem(options.mode, PolicyMode, 'PolicyMode');
  if (modeProblem) fail(`mode ${show(options.mode)} ${modeProblem}`);
  if (options.exclude !== undefined && !Array.isArray(options.exclude)) fail(`exclude ${show(options.exclude)} must be a list of rule ids`);
  const excluded = new Set((options.exclude ?? []).map((id, i) => known(`exclude[${i}]`, id)));
  const levels = options.levels ?? {};
  if (levels === null || typeof levels !== 'object' || Array.isArray(levels)) fail(`levels ${show(levels)} must map rule ids to PolicyLevel values`);
  const overrides = new Map<string, PolicyLevel>();
  for (const [id, level] of Object.entries(levels)) {
    known('levels key', id);
    const problem = enumProblem(level, PolicyLevel, 'PolicyLevel');
    if (problem) fail(`levels['${id}'] ${show(level)} ${problem}`);
    if (excluded.has(id)) fail(`rule '${id}' is both excluded and given a level; remove one of the two`);
    overrides.set(id, level);
  }
  const rules = all.filter(r => !excluded.has(r.id)).map(r => (overrides.has(r.id) ? { ...r, level: overrides.get(r.id)! } : r));
  const apply = excluded.size === 0 && overrides.size === 0 ? (findings: PolicyFinding[]) => findings
    : (findings: PolicyFinding[]) => findings.filter(f => !excluded.has(f.ruleId))
      .map(f => (overrides.has(f.ruleId) ? { ...f, level: overrides.get(f.ruleId)! } : f));
  return { rules, excluded: [...excluded].sort(), mode: options.mode ?? defaultMode, apply };
}
