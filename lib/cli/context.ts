import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';
import { runSynth } from './synth-command';

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

/** "app" from cdk-fleet.json in `cwd`, if any. */
export function readConfiguredApp(cwd: string): string | undefined {
  const file = path.join(cwd, 'cdk-fleet.json');
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')).app;
}
