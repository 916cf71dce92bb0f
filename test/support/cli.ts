import { spawnSync } from 'child_process';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
const TS_NODE = ['-r', require.resolve('ts-node/register/transpile-only')];
const ENV = { TS_NODE_PROJECT: path.join(REPO, 'tsconfig.examples.json') };

/** Command that runs a TypeScript program of this repository with ts-node. */
export function tsApp(file: string): string {
  return `${JSON.stringify(process.execPath)} ${TS_NODE.join(' ')} ${JSON.stringify(path.join(REPO, file))}`;
}

/** Runs the `cdk-fleet` bin script (from source) as a child process, the way users run it. */
export function runBin(args: string[], cwd: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [path.join(REPO, 'bin', 'cdk-fleet'), ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, ...ENV, CDK_FLEET_FROM_SOURCE: '1', CDK_FLEET_OUTDIR: '', ...env },
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}
