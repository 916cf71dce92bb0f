import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';
import { runSynth } from './synth-command';
import { show } from '../core/errors';
import { jsonErrorOffset } from '../core/json-error-position';
import { lineAndColumn } from '../core/json-locations';

/** What every command gets. */
export interface CommandContext {
  readonly cwd: string;
  /** Progress and errors (stderr). */
  readonly log: (line: string) => void;
  /** Results (stdout). */
  readonly print: (line: string) => void;
  /** Pass the fleet program's output to `log` when it ends instead of inheriting stdio. @default false */
  readonly captureAppOutput?: boolean;
}

/**
 * Runs `cdk-fleet synth` first when `--app` is given. A failing program exits 2
 * (its error has been shown).
 */
export function synthesizeIfAsked(app: string | undefined, out: string, ctx: CommandContext): number {
  if (!app) return 0;
  const code = runSynth({ app, out, cwd: ctx.cwd, captureAppOutput: ctx.captureAppOutput }, ctx.log);
  return code === 0 ? 0 : 2;
}

/** The program to run: `--app`, else "app" in cdk-fleet.json. */
export function requireApp(app: string | undefined, cwd: string): string {
  const configured = app ?? readConfiguredApp(cwd);
  if (!configured) throw new UsageError('no program to run; pass --app "<command>" or set "app" in cdk-fleet.json');
  return configured;
}

/** Keys cdk-fleet.json may hold. */
const CONFIG_KEYS = ['app'];

/** "app" from cdk-fleet.json in `cwd`, if any. */
export function readConfiguredApp(cwd: string): string | undefined {
  const file = path.join(cwd, 'cdk-fleet.json');
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    const where = offset === undefined ? '' : ` line ${lineAndColumn(text, offset).line}, column ${lineAndColumn(text, offset).column}`;
    throw new UsageError(`cdk-fleet.json${where} is not valid JSON (${(e as Error).message}); fix it, e.g. { "app": "npx ts-node main.ts" }`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new UsageError(`cdk-fleet.json holds ${show(config)}, not an object; write e.g. { "app": "npx ts-node main.ts" }`);
  }
  const unknown = Object.keys(config).filter(k => !CONFIG_KEYS.includes(k));
  if (unknown.length > 0) throw new UsageError(`cdk-fleet.json has unknown key(s) ${unknown.map(k => show(k)).join(', ')}; known keys: ${CONFIG_KEYS.join(', ')}`);
  const app = (config as { app?: unknown }).app;
  if (app !== undefined && (typeof app !== 'string' || app.trim() === '')) {
    throw new UsageError(`cdk-fleet.json "app" ${show(app)} must be a non-empty command string (e.g. "npx ts-node main.ts")`);
  }
  return app as string | undefined;
}
