/** Parsed command-line flags: `--name value`, `--name=value`, and boolean switches. */
export interface ParsedArgs {
  readonly flags: Record<string, string>;
  readonly switches: Set<string>;
}

/** A usage error: the command prints it with the usage text and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses `args` against the flags a command takes (`valued`) and its boolean
 * switches. Unknown arguments and missing values are usage errors.
 */
export function parseArgs(args: string[], valued: string[], switches: string[] = []): ParsedArgs {
  const flags: Record<string, string> = {};
  const on = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (m && switches.includes(m[1]) && m[2] === undefined) {
      on.add(m[1]);
      continue;
    }
    if (!m || !valued.includes(m[1])) throw new UsageError(`unknown argument '${args[i]}'`);
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`--${m[1]} needs a value`);
    flags[m[1]] = value;
  }
  return { flags, switches: on };
}

/** Parses a positive whole number flag. */
export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1 (got '${value}')`);
  return n;
}
