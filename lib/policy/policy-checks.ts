import { IConstruct } from 'constructs';
import { IPolicyPack, PolicyMode } from './pack';
import { PolicyOptions, PolicyPacks } from './policy-options';
import { PolicyLevel } from './rule';
import { enumProblem, invalid, nearMatches, show } from '../core/errors';

/** A rule id: letters and digits, then letters, digits, '_', '.', '-'. */
export const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Checks a fleet's policy options at construction: modes and levels against their
 * enums (jsii callers pass strings), each pack's shape, and that every unsuppressible
 * rule is declared by a pack.
 * @param kind how errors name the owner (e.g. `fleet`)
 */
export function checkPolicyOptions(kind: string, scope: IConstruct, options: PolicyOptions | undefined): void {
  if (options === undefined) return;
  const modeProblem = options.mode === undefined ? undefined : enumProblem(options.mode, PolicyMode, 'PolicyMode');
  if (modeProblem) invalid(kind, scope, `policy.mode ${show(options.mode)} ${modeProblem}`);
  if (options.packs !== undefined && !Array.isArray(options.packs)) invalid(kind, scope, `policy.packs ${show(options.packs)} must be a list of policy packs`);
  const declared: string[] = [];
  (options.packs ?? PolicyPacks.defaults()).forEach((pack, i) => declared.push(...checkPack(kind, scope, `policy.packs[${i}]`, pack)));
  (options.unsuppressible ?? []).forEach((id, i) => {
    if (declared.includes(id)) return;
    const near = typeof id === 'string' ? nearMatches(id, declared) : [];
    invalid(kind, scope, `policy.unsuppressible[${i}] ${show(id)} is not a rule of any listed pack` +
      (near.length > 0 ? `; did you mean ${near.map(r => `'${r}'`).join(', ')}?` : '; list rule ids the packs declare'));
  });
}

/** Checks one pack's shape and returns its rule ids. */
function checkPack(kind: string, scope: IConstruct, where: string, pack: IPolicyPack): string[] {
  if (pack === null || typeof pack !== 'object') invalid(kind, scope, `${where} ${show(pack)} is not a policy pack (an object with id, version, rules and evaluate)`);
  const name = typeof pack.id === 'string' && RULE_ID.test(pack.id) ? `'${pack.id}'` : undefined;
  if (!name) invalid(kind, scope, `${where}.id ${show(pack.id)} is not a pack id (letters, digits, '_', '.', '-'; e.g. 'acme-baseline')`);
  if (typeof pack.evaluate !== 'function') invalid(kind, scope, `${where} (pack ${name}) has no evaluate(input) function`);
  const mode = pack.mode === undefined ? undefined : enumProblem(pack.mode, PolicyMode, 'PolicyMode');
  if (mode) invalid(kind, scope, `${where} (pack ${name}) mode ${show(pack.mode)} ${mode}`);
  if (!Array.isArray(pack.rules)) invalid(kind, scope, `${where} (pack ${name}) rules ${show(pack.rules)} must be a list of rules`);
  return pack.rules.map((rule, j) => {
    const at = `${where} (pack ${name}) rules[${j}]`;
    if (rule === null || typeof rule !== 'object') invalid(kind, scope, `${at} ${show(rule)} is not a rule (an object with id, level, description and fixHint)`);
    if (typeof rule.id !== 'string' || !RULE_ID.test(rule.id)) invalid(kind, scope, `${at}.id ${show(rule.id)} is not a rule id (e.g. 'ACME-001')`);
    const level = enumProblem(rule.level, PolicyLevel, 'PolicyLevel');
    if (level) invalid(kind, scope, `${at} ('${rule.id}') level ${show(rule.level)} ${level}`);
    return rule.id;
  });
}
