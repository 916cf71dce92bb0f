import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Fleet } from '../../lib';
import { compiledRepo, REPO } from '../support/cli';
import { manifestProblems, writeState } from '../support/output';
import { readTree, tempDir } from '../support/synth';


function fleet(outdir: string, stacks: string[], value: string): Fleet {
  const f = new Fleet({ outdir });
  for (const name of stacks) new TerraformOutput(new TerraformStack(f, name), 'value', { value: `${name}-${value}` });
  return f;
}

/** Runs the child writer; resolves with its exit signal and stdout. */
interface ChildResult {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(outdir: string, treeFile: string, killAt: number): Promise<ChildResult> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(compiledRepo(), 'test', 'fixtures', 'output-writer-child.js'), outdir, treeFile, String(killAt)], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => { stdout += d; });
    child.stderr.on('data', d => { stderr += d; });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...await Promise.all(items.slice(i, i + size).map(run)));
  return results;
}

/**
 * What a reader finds right after a kill: the output, or, only between the two renames of
 * the swap, the journal and the complete new tree beside it (any reader renames it in first).
 */
function visibleTree(parent: string): string {
  if (fs.existsSync(path.join(parent, 'cdk.out'))) return path.join(parent, 'cdk.out');
  expect(fs.existsSync(path.join(parent, '.cdk.out.swap.json'))).toBe(true);
  return path.join(parent, '.cdk.out.next');
}

describe('a synth killed at any step loses nothing', () => {
  jest.setTimeout(60_000);

  test('after a kill between any two file system steps the output is complete, state is there, and the next synth recovers', async () => {
    const work = tempDir();
    // The tree the killed child writes: a real synth's output (v2: two stacks).
    const v2dir = path.join(work, 'v2', 'cdk.out');
    fleet(v2dir, ['app', 'db'], 'v2').synth();
    const v2 = readTree(v2dir);
    const treeFile = path.join(work, 'tree.json');
    fs.writeFileSync(treeFile, JSON.stringify({ files: Object.fromEntries(v2), streamed: ['terraform/db/main.tf.json'], stacks: ['app', 'db'] }));

    // The output before: v1 plus everything Terraform would have put there.
    const seed = path.join(work, 'seed', 'cdk.out');
    fleet(seed, ['app'], 'v1').synth();
    const v1 = readTree(seed);
    const state = {
      'state/app.tfstate': writeState(path.join(seed, 'state/app.tfstate'), 3, 7),
      'state/app.tfstate.backup': writeState(path.join(seed, 'state/app.tfstate.backup'), 3, 6),
      'terraform/app/terraform.tfstate.d/dev/terraform.tfstate': writeState(path.join(seed, 'terraform/app/terraform.tfstate.d/dev/terraform.tfstate'), 2),
    };
    fs.writeFileSync(path.join(seed, 'terraform/app/.terraform.lock.hcl'), '# lock\n');
    fs.mkdirSync(path.join(seed, 'terraform/app/.terraform/providers'), { recursive: true });
    fs.writeFileSync(path.join(seed, 'terraform/app/.terraform/providers/marker'), 'cache');
    const kept = { ...state, 'terraform/app/.terraform.lock.hcl': '# lock\n', 'terraform/app/.terraform/providers/marker': 'cache' };
    const generated = (tree: Map<string, string>) => [...tree].filter(([rel]) => !(rel in kept));

    // A full run to learn the steps.
    const full = path.join(work, 'full');
    fs.cpSync(path.dirname(seed), full, { recursive: true });
    const learned = await runChild(path.join(full, 'cdk.out'), treeFile, 0);
    expect(learned.stderr).toBe('');
    const steps: string[] = JSON.parse(learned.stdout);
    const names = steps.map(s => s.split(' ')[0]);
    expect([...new Set(names)]).toEqual(['locked', 'staging-created', 'write', 'carry', 'journal', 'renamed-aside', 'renamed-in', 'removed-previous', 'journal-removed', 'unlocked']);
    // Every step but the file writes in the middle (all alike): 1-based positions to kill at.
    const writes = names.flatMap((n, i) => (n === 'write' ? [i] : []));
    const killAt = names.map((_, i) => i).filter(i => names[i] !== 'write' || i === writes[0] || i === writes[writes.length - 1]).map(i => i + 1);
    expect(killAt.length).toBeGreaterThanOrEqual(14);

    const outcomes = await inBatches(killAt, 4, async k => {
      const parent = path.join(work, `kill-${k}`);
      fs.cpSync(path.dirname(seed), parent, { recursive: true });
      const result = await runChild(path.join(parent, 'cdk.out'), treeFile, k);
      return { k, parent, result };
    });

    for (const { k, parent, result } of outcomes) {
      const at = `killed after step ${k} (${steps[k - 1]})`;
      expect([at, result.signal]).toEqual([at, 'SIGKILL']);
      const outdir = path.join(parent, 'cdk.out');
      const visible = visibleTree(parent);
      expect([at, fs.existsSync(outdir) || steps[k - 1].startsWith('renamed-aside')]).toEqual([at, true]);
      expect([at, manifestProblems(visible)]).toEqual([at, []]);
      const tree = readTree(visible);
      const which = generated(tree);
      expect([at, [generated(v1), generated(v2)].some(t => JSON.stringify(t) === JSON.stringify(which))]).toEqual([at, true]);
      for (const [rel, content] of Object.entries(kept)) expect([at, rel, tree.get(rel)]).toEqual([at, rel, content]);

      // The next synth recovers, keeps every state file, and leaves nothing beside the output.
      fleet(outdir, ['app', 'db'], 'v3').synth();
      const after = readTree(outdir);
      expect([at, manifestProblems(outdir)]).toEqual([at, []]);
      for (const [rel, content] of Object.entries(kept)) expect([at, rel, after.get(rel)]).toEqual([at, rel, content]);
      expect(after.get('terraform/db/main.tf.json')).toContain('db-v3');
      expect([at, fs.readdirSync(parent)]).toEqual([at, ['cdk.out']]);
    }

    // A reader's recovery of a swap killed between its renames, itself killed at each of its steps.
    const aside = names.indexOf('renamed-aside') + 1;
    const interrupted = path.join(work, 'interrupted');
    fs.cpSync(path.dirname(seed), interrupted, { recursive: true });
    expect((await runChild(path.join(interrupted, 'cdk.out'), treeFile, aside)).signal).toBe('SIGKILL');
    const fullRecovery = path.join(work, 'recover-full');
    fs.cpSync(interrupted, fullRecovery, { recursive: true });
    const recoverySteps: string[] = JSON.parse((await runChild(path.join(fullRecovery, 'cdk.out'), 'recover', 0)).stdout);
    expect(recoverySteps.map(s => s.split(' ')[0])).toEqual(['locked', 'recovered-forward', 'removed-leftover', 'journal-removed', 'unlocked']);
    const recoveries = await inBatches(recoverySteps.map((_, i) => i + 1), 4, async j => {
      const parent = path.join(work, `recover-kill-${j}`);
      fs.cpSync(interrupted, parent, { recursive: true });
      return { j, parent, result: await runChild(path.join(parent, 'cdk.out'), 'recover', j) };
    });
    for (const { j, parent, result } of recoveries) {
      const at = `recovery killed after step ${j} (${recoverySteps[j - 1]})`;
      expect([at, result.signal]).toEqual([at, 'SIGKILL']);
      expect([at, manifestProblems(visibleTree(parent))]).toEqual([at, []]);
      fleet(path.join(parent, 'cdk.out'), ['app', 'db'], 'v3').synth();
      const after = readTree(path.join(parent, 'cdk.out'));
      for (const [rel, content] of Object.entries(kept)) expect([at, rel, after.get(rel)]).toEqual([at, rel, content]);
      expect([at, fs.readdirSync(parent)]).toEqual([at, ['cdk.out']]);
    }
  });
});
