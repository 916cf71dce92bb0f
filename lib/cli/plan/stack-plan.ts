import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Outcome of planning one stack. */
export interface StackPlanResult {
  readonly stack: string;
  readonly status: 'planned' | 'failed' | 'skipped';
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly seconds: number;
  /** Milliseconds since the run started, when the stack started and finished. */
  readonly startedMs: number;
  readonly finishedMs: number;
  /** Log and plan JSON, relative to the output directory. */
  readonly log?: string;
  readonly planJson?: string;
  /** Why it failed or was skipped. */
  readonly reason?: string;
}

/** Where one stack's plan files go. */
export interface StackPlanPaths {
  readonly stackDir: string;
  readonly planDir: string;
  /** Prefix that makes `planDir` relative to the output directory, for reports. */
  readonly relPlanDir: string;
}

const ENV = { TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };

/**
 * `init`, `plan -out` and `show -json` for one stack, with every line of output in
 * `plan.log` and the plan in `plan.json`. Never throws: failures become results.
 */
export async function planStack(engine: string, stack: string, paths: StackPlanPaths, runStart: number): Promise<StackPlanResult> {
  const startedMs = Date.now() - runStart;
  fs.rmSync(paths.planDir, { recursive: true, force: true });
  fs.mkdirSync(paths.planDir, { recursive: true });
  const logFile = path.join(paths.planDir, 'plan.log');
  const planFile = path.join(paths.planDir, 'plan.tfplan');
  const log = fs.createWriteStream(logFile);
  const done = (status: StackPlanResult['status'], counts = { add: 0, change: 0, destroy: 0 }, reason?: string): StackPlanResult => {
    log.end();
    const finishedMs = Date.now() - runStart;
    return {
      stack,
      status,
      ...counts,
      seconds: (finishedMs - startedMs) / 1000,
      startedMs,
      finishedMs,
      log: `${paths.relPlanDir}/plan.log`,
      planJson: status === 'planned' ? `${paths.relPlanDir}/plan.json` : undefined,
      reason,
    };
  };
  const steps: Array<[string, string[]]> = [
    ['init', ['init', '-input=false', '-no-color']],
    ['plan', ['plan', '-input=false', '-no-color', '-lock-timeout=60s', `-out=${planFile}`]],
  ];
  for (const [name, args] of steps) {
    let text = '';
    const code = await run(engine, args, paths.stackDir, chunk => { log.write(chunk); text += chunk; });
    if (code !== 0) {
      const error = /Error: ([^\n]+)/.exec(text)?.[1]?.trim();
      return done('failed', undefined, `${engine} ${name} exited with ${code}${error ? ` (${error})` : ''}; see ${paths.relPlanDir}/plan.log`);
    }
  }
  let json = '';
  const code = await run(engine, ['show', '-json', planFile], paths.stackDir, chunk => { json += chunk; }, chunk => log.write(chunk));
  if (code !== 0) return done('failed', undefined, `${engine} show exited with ${code}; see ${paths.relPlanDir}/plan.log`);
  fs.writeFileSync(path.join(paths.planDir, 'plan.json'), json);
  return done('planned', countChanges(JSON.parse(json)));
}

/** Adds, changes and destroys of a plan (`show -json`); a replacement counts as one add and one destroy. */
export function countChanges(plan: any): { add: number; change: number; destroy: number } {
  const counts = { add: 0, change: 0, destroy: 0 };
  for (const rc of plan.resource_changes ?? []) {
    const actions: string[] = rc.change?.actions ?? [];
    if (actions.includes('create')) counts.add++;
    if (actions.includes('delete')) counts.destroy++;
    if (actions.includes('update')) counts.change++;
  }
  return counts;
}

function run(binary: string, args: string[], cwd: string, onStdout: (chunk: string) => void, onStderr = onStdout): Promise<number> {
  return new Promise(resolve => {
    const child = spawn(binary, args, { cwd, env: { ...process.env, ...ENV } });
    child.stdout.setEncoding('utf8').on('data', onStdout);
    child.stderr.setEncoding('utf8').on('data', onStderr);
    child.on('error', err => { onStderr(`${err.message}\n`); resolve(127); });
    child.on('close', code => resolve(code ?? 1));
  });
}
