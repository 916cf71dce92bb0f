/**
 * The policy engine: runs every pack once over the synthesized output, applies the
 * fleet's mode and the suppressions, and returns the resolved findings. Linear in the
 * number of findings (suppressions are looked up by construct path prefix).
 */
import { PolicyInput } from './input';
import { IPolicyPack, PolicyMode } from './pack';
import { PolicyFinding, PolicyLevel, PolicyRule } from './rule';
import { RecordedSuppression } from './suppressions';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError, nearMatches, show } from '../core/errors';

/** A finding after the engine applied the mode and the suppressions. */
export interface ResolvedFinding {
  readonly ruleId: string;
  readonly pack: string;
  readonly level: PolicyLevel;
  /** The rule's level when the pack's `warn` mode lowered an error to a warning. */
  readonly downgradedFrom?: PolicyLevel;
  readonly message: string;
  readonly constructPath: string;
  readonly file: string;
  readonly jsonPath: string;
  /** 1-based line of the field in the artifact, when known (Terraform JSON). */
  readonly line?: number;
  /** The suppression that silenced the finding. */
  readonly suppressed?: { readonly scope: string; readonly reason: string };
  /** A suppression that matched but was ignored because the fleet marks the rule unsuppressible. */
  readonly suppressionIgnored?: { readonly scope: string; readonly reason: string };
}

/** A pack as it ran. */
export interface PackRun {
  readonly pack: IPolicyPack;
  readonly mode: PolicyMode;
}

/** A suppression with how often it applied. */
export interface SuppressionUse {
  readonly suppression: RecordedSuppression;
  /** Findings it silenced. */
  matched: number;
  /** Findings it matched but could not silence (unsuppressible rules). */
  ignored: number;
}

/** The engine's result. */
export interface PolicyResult {
  /** The fleet-wide mode. */
  readonly mode: PolicyMode;
  readonly packs: PackRun[];
  /** Every rule by id, with the pack that declares it. */
  readonly rules: Map<string, { rule: PolicyRule; pack: string }>;
  readonly findings: ResolvedFinding[];
  readonly suppressions: SuppressionUse[];
  readonly unsuppressible: string[];
}

/** What the engine needs besides the input. */
export interface EngineOptions {
  readonly mode: PolicyMode;
  readonly packs: IPolicyPack[];
  readonly suppressions: RecordedSuppression[];
  readonly unsuppressible: string[];
}

/** Runs the packs (unless the fleet mode is `off`) and resolves their findings. */
export function runPolicy(input: PolicyInput, options: EngineOptions): PolicyResult {
  const rules = collectRules(options.packs);
  checkSuppressedRules(options.suppressions, rules);
  const unsuppressible = new Set(options.unsuppressible);
  const uses = options.suppressions.map(suppression => ({ suppression, matched: 0, ignored: 0 }));
  const byScope = new Map<string, SuppressionUse[]>();
  for (const use of uses) byScope.set(use.suppression.scope, [...(byScope.get(use.suppression.scope) ?? []), use]);

  const packs: PackRun[] = options.packs.map(pack => ({ pack, mode: effectiveMode(options.mode, pack) }));
  const findings: ResolvedFinding[] = [];
  for (const run of packs) {
    if (run.mode === PolicyMode.OFF) continue;
    for (const finding of evaluatePack(run.pack, input)) {
      const owner = rules.get(finding.ruleId);
      if (!owner || owner.pack !== run.pack.id) {
        throw new FleetValidationError(`policy pack '${run.pack.id}': reported rule '${finding.ruleId}', which is not one of its rules; declare it in 'rules'`, '', ErrorCode.POLICY_CONFIG);
      }
      findings.push(resolve(finding, owner.rule, run, byScope, unsuppressible));
    }
  }
  return { mode: options.mode, packs, rules, findings, suppressions: uses, unsuppressible: [...unsuppressible].sort() };
}

/** The fleet mode caps every pack's mode: `off` turns all off, `warn` makes enforced packs warn. */
/**
 * Runs a pack's evaluate(); a pack that throws or returns something other than a list
 * of findings fails synth with a message naming the pack (not a raw stack trace).
 */
function evaluatePack(pack: IPolicyPack, input: PolicyInput): PolicyFinding[] {
  let findings: unknown;
  try {
    findings = pack.evaluate(input);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new FleetValidationError(`policy pack '${pack.id}': evaluate() threw ${show(message)}; fix the pack, or set its mode to PolicyMode.OFF to skip it`, '', ErrorCode.POLICY_CONFIG);
  }
  if (!Array.isArray(findings)) {
    throw new FleetValidationError(`policy pack '${pack.id}': evaluate() returned ${show(findings)} instead of a list of findings; return [] when nothing is found`, '', ErrorCode.POLICY_CONFIG);
  }
  findings.forEach((f, i) => {
    if (f === null || typeof f !== 'object' || typeof f.ruleId !== 'string' || typeof f.message !== 'string' || typeof f.constructPath !== 'string') {
      throw new FleetValidationError(`policy pack '${pack.id}': finding ${i} ${show(f)} lacks a string ruleId, message or constructPath`, '', ErrorCode.POLICY_CONFIG);
    }
    if (f.level !== undefined && !Object.values<string>(PolicyLevel).includes(f.level)) {
      throw new FleetValidationError(`policy pack '${pack.id}': finding ${i} (rule '${f.ruleId}') has level ${show(f.level)}; use PolicyLevel.ERROR, WARNING or INFO`, '', ErrorCode.POLICY_CONFIG);
    }
  });
  return findings;
}

/** A suppression naming a rule that no listed pack declares is a typo or a leftover: an error listing near rule ids. */
function checkSuppressedRules(suppressions: RecordedSuppression[], rules: Map<string, { rule: PolicyRule; pack: string }>): void {
  for (const s of suppressions) {
    if (s.ruleId === undefined || rules.has(s.ruleId)) continue;
    const near = nearMatches(s.ruleId, [...rules.keys()]);
    throw new FleetValidationError(`policySuppression '${s.scope}': ruleId ${show(s.ruleId)} is not declared by any policy pack of the fleet` +
      (near.length > 0 ? `; did you mean ${near.map(r => `'${r}'`).join(', ')}?` : '; remove the suppression or add the pack that declares the rule'), s.scope, ErrorCode.POLICY_CONFIG);
  }
}

function effectiveMode(fleet: PolicyMode, pack: IPolicyPack): PolicyMode {
  const own = pack.mode ?? PolicyMode.ENFORCE;
  if (fleet === PolicyMode.OFF || own === PolicyMode.OFF) return PolicyMode.OFF;
  if (fleet === PolicyMode.WARN || own === PolicyMode.WARN) return PolicyMode.WARN;
  return PolicyMode.ENFORCE;
}

function collectRules(packs: IPolicyPack[]): Map<string, { rule: PolicyRule; pack: string }> {
  const rules = new Map<string, { rule: PolicyRule; pack: string }>();
  const packIds = new Set<string>();
  for (const pack of packs) {
    if (packIds.has(pack.id)) throw new FleetValidationError(`policy: pack '${pack.id}' is listed twice; list each pack once`, '', ErrorCode.POLICY_CONFIG);
    packIds.add(pack.id);
    for (const rule of pack.rules) {
      const other = rules.get(rule.id);
      if (other) throw new FleetValidationError(`policy pack '${pack.id}': rule id '${rule.id}' is also declared by pack '${other.pack}'; rule ids must be unique`, '', ErrorCode.POLICY_CONFIG);
      rules.set(rule.id, { rule, pack: pack.id });
    }
  }
  return rules;
}

function resolve(
  finding: PolicyFinding,
  rule: PolicyRule,
  run: PackRun,
  byScope: Map<string, SuppressionUse[]>,
  unsuppressible: Set<string>,
): ResolvedFinding {
  const declared = finding.level ?? rule.level;
  const lowered = run.mode === PolicyMode.WARN && declared === PolicyLevel.ERROR;
  const base = {
    ruleId: finding.ruleId,
    pack: run.pack.id,
    level: lowered ? PolicyLevel.WARNING : declared,
    ...(lowered ? { downgradedFrom: declared } : {}),
    message: finding.message,
    constructPath: finding.constructPath,
    file: finding.file,
    jsonPath: finding.jsonPath,
  };
  const use = matchingSuppression(finding, byScope);
  if (!use) return base;
  const note = { scope: use.suppression.scope, reason: use.suppression.reason };
  if (unsuppressible.has(finding.ruleId)) {
    use.ignored++;
    return { ...base, suppressionIgnored: note };
  }
  use.matched++;
  return { ...base, suppressed: note };
}

/** The nearest suppression on the finding's construct or an ancestor that matches its rule and path. */
function matchingSuppression(finding: PolicyFinding, byScope: Map<string, SuppressionUse[]>): SuppressionUse | undefined {
  if (byScope.size === 0) return undefined;
  for (let path = finding.constructPath; path.length > 0; path = path.slice(0, Math.max(0, path.lastIndexOf('/')))) {
    const hit = byScope.get(path)?.find(u =>
      (u.suppression.ruleId === undefined || u.suppression.ruleId === finding.ruleId) &&
      (u.suppression.jsonPath === undefined || u.suppression.jsonPath === finding.jsonPath));
    if (hit) return hit;
    if (!path.includes('/')) break;
  }
  return undefined;
}
