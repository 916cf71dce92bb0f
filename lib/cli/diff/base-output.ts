import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageError } from '../args';
import { CommandContext, readConfiguredApp } from '../context';
import { runSynth } from '../synth-command';
import { readSynthOutput, SynthOutput } from '../synth-output';

/**
 * The output to compare against: a directory holding a synth output, or a git
 * ref whose program is synthesized in a temporary worktree (node_modules linked
 * from this checkout). The worktree is removed afterwards.
 */
export function resolveBase(base: string, app: string | undefined, ctx: CommandContext): SynthOutput {
  const asDir = path.resolve(ctx.cwd, base);
  if (fs.existsSync(asDir) && fs.statSync(asDir).isDirectory()) return readSynthOutput(base, ctx.cwd);
  const git = (args: string[], cwd = ctx.cwd) => spawnSync('git', args, { cwd, encoding: 'utf8' });
  const top = git(['rev-parse', '--show-toplevel']);
  if (top.status !== 0) throw new UsageError(`--base '${base}' is neither a directory nor a git ref (not inside a git repository)`);
  if (git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).status !== 0) {
    throw new UsageError(`--base '${base}' is neither a directory nor a commit of this repository`);
  }
  const program = app ?? readConfiguredApp(ctx.cwd);
  if (!program) throw new UsageError(`to synthesize git ref '${base}', pass --app "<command>" or set "app" in cdk-fleet.json`);
  const root = top.stdout.trim();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-fleet-base-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const worktree = path.join(tmp, 'src');
  const add = git(['worktree', 'add', '--detach', '--quiet', worktree, base]);
  if (add.status !== 0) throw new UsageError(`could not check out '${base}': ${add.stderr.trim()}`);
  try {
    if (fs.existsSync(path.join(root, 'node_modules'))) fs.symlinkSync(path.join(root, 'node_modules'), path.join(worktree, 'node_modules'), 'dir');
    const cwd = path.join(worktree, path.relative(root, ctx.cwd));
    ctx.log(`cdk-fleet diff: synthesizing ${base} in a temporary worktree`);
    const code = runSynth({ app: program, out: path.join(tmp, 'out'), cwd, captureAppOutput: ctx.captureAppOutput }, ctx.log);
    if (code !== 0) throw new UsageError(`the program at '${base}' failed to synthesize (see above)`);
  } finally {
    git(['worktree', 'remove', '--force', worktree], root);
  }
  return readSynthOutput(path.join(tmp, 'out'), ctx.cwd);
}
