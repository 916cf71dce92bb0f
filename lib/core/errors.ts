import { IConstruct } from 'constructs';
import { ErrorCode } from './error-codes';

/**
 * The brand every cdk-fleet error carries, registered globally so that an error from
 * another copy of the library (two versions in one node_modules) is recognized too.
 */
export const FLEET_ERROR_BRAND = Symbol.for('cdk-fleet.error');

/**
 * An error in the fleet definition, raised at construction or synth time.
 *
 * The message always names the construct (by path), the offending value, and
 * what would have been accepted, and ends with the error's code (`[CKF-E-PROPS]`).
 * Not exported (jsii cannot model Error subclasses): users recognize it with
 * `FleetErrors.isFleetError`, `FleetErrors.codeOf`.
 */
export class FleetValidationError extends Error {
  /** Path of the construct the error is about ('' when not about one construct). */
  public readonly constructPath: string;
  /** Stable code of the kind of mistake (see error-codes.ts). */
  public readonly code: string;
  /** The message without the code. */
  public readonly detail: string;

  constructor(message: string, constructPath: string = '', code: string = ErrorCode.PROPS) {
    super(`${message} [${code}]`);
    this.name = 'FleetValidationError';
    this.constructPath = constructPath;
    this.code = code;
    this.detail = message;
    Object.defineProperty(this, FLEET_ERROR_BRAND, { value: true, enumerable: false });
    Object.setPrototypeOf(this, FleetValidationError.prototype);
  }
}

/**
 * Throws a FleetValidationError worded as `<kind> '<path>': <detail>`.
 *
 * @param kind what the construct is, as a user would call it (e.g. `eksCluster`)
 * @param scope the construct the error is about
 * @param detail which value is wrong and what would be accepted
 * @param code the error code (default: a bad prop value)
 */
export function invalid(kind: string, scope: IConstruct, detail: string, code: string = ErrorCode.PROPS): never {
  throw new FleetValidationError(`${kind} '${scope.node.path}': ${detail}`, scope.node.path, code);
}

/**
 * Throws before a child construct is added when `id` is already used under `scope`,
 * with a message that says where and what to do (the constructs library's own
 * message does not say which kind of construct collided).
 */
export function assertUniqueChildId(kind: string, scope: IConstruct, id: string): void {
  if (scope.node.tryFindChild(id) !== undefined) {
    const where = scope.node.path || '(root)';
    throw new FleetValidationError(
      `${kind} '${where}/${id}': id '${id}' is already used under '${where}'; ids must be unique among siblings (pick another id)`,
      `${where}/${id}`,
      ErrorCode.DUPLICATE,
    );
  }
}

/** Longest value shown in an error message before it is cut (with '…' and the full length). */
export const MAX_SHOWN = 60;

/**
 * Quotes a value for an error message as the user wrote it: strings in single quotes,
 * numbers as written (`NaN`, `Infinity`, `1e+15`), a missing value as `(missing)`,
 * everything else as JSON. Values longer than MAX_SHOWN characters are cut.
 */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === 'string') {text = value;} else if (value === undefined) {return '(missing)';} else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {return String(value);} else if (typeof value === 'function') {return '(a function)';} else {
    try {
      text = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…(${text.length} characters)` : text;
  return typeof value === 'string' ? `'${cut}'` : cut;
}

/** Bounds for a numeric prop. */
export interface NumberRule {
  /** Smallest accepted value. */
  readonly min?: number;
  /** Largest accepted value. */
  readonly max?: number;
  /** Whether only whole numbers are accepted (default true). */
  readonly integer?: boolean;
  /** Unit appended to the accepted range in the message (e.g. 'GiB', 'seconds'). */
  readonly unit?: string;
}

/**
 * Returns why `value` is not an acceptable number (not a number, NaN, Infinity, not
 * whole, out of range), worded as `must be ...`, or undefined when it is acceptable.
 */
export function numberProblem(value: unknown, rule: NumberRule): string | undefined {
  const integer = rule.integer ?? true;
  const unit = rule.unit ? ` ${rule.unit}` : '';
  const what = integer ? 'a whole number' : 'a number';
  const range = rule.min !== undefined && rule.max !== undefined ? ` from ${rule.min} to ${rule.max}${unit}`
    : rule.min !== undefined ? ` ≥ ${rule.min}${unit}` : rule.max !== undefined ? ` ≤ ${rule.max}${unit}` : unit;
  const accepted = `must be ${what}${range}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return accepted;
  if (integer && !Number.isInteger(value)) return accepted;
  if (rule.min !== undefined && value < rule.min) return accepted;
  if (rule.max !== undefined && value > rule.max) return accepted;
  return undefined;
}

/** Throws `<kind> '<path>': <prop> <value> must be ...` when `value` breaks `rule`; undefined values pass. */
export function checkNumber(kind: string, scope: IConstruct, prop: string, value: unknown, rule: NumberRule): void {
  if (value === undefined) return;
  const problem = numberProblem(value, rule);
  if (problem) invalid(kind, scope, `${prop} ${show(value)} ${problem}`);
}

/**
 * Throws when `value` is not one of the enum's values (jsii callers pass plain strings,
 * so TypeScript's enum types are not enough); undefined passes.
 * @param enumName how the enum is spelled in code (e.g. 'PolicyMode')
 */
export function checkEnum(kind: string, scope: IConstruct, prop: string, value: unknown, values: Record<string, string>, enumName: string): void {
  if (value === undefined) return;
  const problem = enumProblem(value, values, enumName);
  if (problem) invalid(kind, scope, `${prop} ${show(value)} ${problem}`);
}

/** Returns why `value` is not one of the enum's values (`is not a <enum>; use ...`), or undefined. */
export function enumProblem(value: unknown, values: Record<string, string>, enumName: string): string | undefined {
  const accepted = Object.entries(values);
  if (accepted.some(([, v]) => v === value)) return undefined;
  return `is not a ${enumName}; use ${accepted.map(([k, v]) => `${enumName}.${k} ('${v}')`).join(', ')}`;
}

/**
 * Up to `limit` entries of `candidates` close to `value` (edit distance ≤ max(2, a third of
 * its length), or starting with it), nearest first.
 */
export function nearMatches(value: string, candidates: readonly string[], limit = 3): string[] {
  const threshold = Math.max(2, Math.floor(value.length / 3));
  return candidates
    .map(c => ({ c, d: editDistance(value.toLowerCase(), c.toLowerCase()) }))
    .filter(x => x.d <= threshold || (value.length >= 3 && x.c.toLowerCase().startsWith(value.toLowerCase())))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .slice(0, limit)
    .map(x => x.c);
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
