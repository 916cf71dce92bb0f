import { spawnSync } from 'child_process';
import * as path from 'path';
import { main } from '../../lib/cli/main';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { REPO: REPO_ROOT, buildTree } = require('./compiled-tree');

export const REPO: string = REPO_ROOT;

let ownBuild: string | undefined;

/**
 * The repository compiled once for this test run (jest's globalSetup builds it and
 * passes its path in CDK_FLEET_TEST_BUILD); built here when a test runs without it.
 */
export function compiledRepo(): string {
  const shared = process.env.CDK_FLEET_TEST_BUILD;
  if (shared) return shared;
  if (!ownBuild) {
    ownBuild = buildTree().out as string;
    const dir = ownBuild;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    process.on('exit', () => require('fs').rmSync(dir, { recursive: true, force: true }));
  }
  return ownBuild;
}

/**
 * Shell command that runs a TypeScript program of this repository (compiled once per run),
 * with `env` set for it.
 */
export function appCommand(file: string, env: Record<string, string> = {}): string {
  const js = path.join(compiledRepo(), file.replace(/\.ts$/, '.js'));
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)} `).join('');
  return `${assignments}${JSON.stringify(process.execPath)} ${JSON.stringify(js)}`;
}

/** What a CLI run printed and returned. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the `cdk-fleet` command in this process through its exported entry point, the
 * fleet program's own output included in `stderr`.
 */
export async function runCli(args: string[], cwd: string): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, { cwd, log: l => err.push(l), print: l => out.push(l), captureAppOutput: true });
  const text = (lines: string[]) => lines.map(l => l + '\n').join('');
  return { status, stdout: text(out), stderr: text(err) };
}

/**
 * Runs the `cdk-fleet` bin script as a child process, the way users run it (end to end,
 * against the compiled tree).
 */
export function runBin(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const child = spawnSync(process.execPath, [path.join(compiledRepo(), 'bin', 'cdk-fleet'), ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, CDK_FLEET_FROM_SOURCE: '', CDK_FLEET_OUTDIR: '', ...env },
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}
