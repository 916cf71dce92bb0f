import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { appCommand, compiledRepo, runCli } from '../support/cli';
import { tempDir } from '../support/synth';
import { testWithTool } from '../support/tools';

jest.setTimeout(180_000);

const PLAIN_FILE = 'test/fixtures/plain-stacks-app.ts';
const PLAIN = appCommand(PLAIN_FILE);

describe('cdk-fleet diff', () => {
  const cwd = tempDir();
  beforeAll(async () => {
    expect((await runCli(['synth', '--app', PLAIN, '--out', 'base.out'], cwd)).status).toBe(0);
    expect((await runCli(['synth', '--app', appCommand(PLAIN_FILE, { FIXTURE_CIDR: '10.9.0.0/16' })], cwd)).status).toBe(0);
  });

  test('lists changed stacks and files by content hash', async () => {
    const result = await runCli(['diff', '--base', 'base.out', '--json'], cwd);
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout);
    expect(diff).toMatchObject({
      changed: true,
      stacks: { changed: ['network'], added: [], removed: [] },
      files: { changed: ['terraform/network/main.tf.json'], added: [], removed: [] },
    });
    const human = await runCli(['diff', '--base', 'base.out'], cwd);
    expect(human.stdout).toContain('stacks 1 changed, 0 added, 0 removed');
    expect(human.stdout).toMatch(/stacks:\n {2}~ network/);
  });

  test('added and removed stacks; --exit-code returns 1 when anything changed', async () => {
    const other = tempDir();
    expect((await runCli(['synth', '--app', appCommand(PLAIN_FILE, { FIXTURE_BROKEN: '1' })], other)).status).toBe(0);
    const result = await runCli(['diff', '--base', path.join(cwd, 'base.out'), '--json', '--exit-code'], other);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).stacks).toEqual({ added: ['after-broken', 'broken'], changed: [], removed: [] });
    const same = await runCli(['diff', '--base', 'cdk.out', '--exit-code'], other);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('no changes');
  });

  test('--artifact shows a unified diff of one file', async () => {
    const result = await runCli(['diff', '--base', 'base.out', '--artifact', 'terraform/network/main.tf.json'], cwd);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--- base/terraform/network/main.tf.json\n+++ current/terraform/network/main.tf.json');
    expect(result.stdout).toMatch(/^-\s+"cidr": "10\.0\.0\.0\/16"$/m);
    expect(result.stdout).toMatch(/^\+\s+"cidr": "10\.9\.0\.0\/16"$/m);
    expect(result.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
  });

  testWithTool('terraform')('plan --changed-since plans the changed stack and its dependents only', async () => {
    const result = await runCli(['plan', '--engine', 'terraform', '--changed-since', 'base.out', '--json'], cwd);
    expect(result.stderr).toContain('changed since base.out: apps, network');
    expect(JSON.parse(result.stdout).stacks.map((s: any) => s.stack)).toEqual(['network', 'apps']);
    expect(result.status).toBe(0);
  });

  test('a git ref as base is synthesized in a temporary worktree', async () => {
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: repo, stdio: 'pipe' });
    const writeApp = (cidr: string) => fs.writeFileSync(path.join(repo, 'app.js'),
      `process.env.FIXTURE_CIDR = '${cidr}';\nrequire(${JSON.stringify(path.join(compiledRepo(), 'test/fixtures/plain-stacks-app.js'))});\n`);
    git('init', '-q');
    writeApp('10.0.0.0/16');
    fs.writeFileSync(path.join(repo, 'cdk-fleet.json'), JSON.stringify({ app: `${JSON.stringify(process.execPath)} app.js` }));
    git('add', '.');
    git('commit', '-qm', 'first');
    writeApp('10.7.0.0/16');
    expect((await runCli(['synth'], repo)).status).toBe(0);
    const result = await runCli(['diff', '--base', 'HEAD', '--json'], repo);
    expect(result.stderr).toContain('synthesizing HEAD in a temporary worktree');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).stacks.changed).toEqual(['network']);
    expect(execFileSync('git', ['worktree', 'list'], { cwd: repo }).toString().trim().split('\n')).toHaveLength(1);
  });

  test('bad input: no --base, an unknown base, an artifact in neither output', async () => {
    expect((await runCli(['diff'], cwd)).stderr).toContain('--base <dir|git-ref> is required');
    const unknown = await runCli(['diff', '--base', 'no-such-thing'], cwd);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--base 'no-such-thing' is neither a directory nor a (git ref|commit)/);
    const artifact = await runCli(['diff', '--base', 'base.out', '--artifact', 'terraform/ghost/main.tf.json'], cwd);
    expect(artifact.status).toBe(2);
    expect(artifact.stderr).toContain("--artifact 'terraform/ghost/main.tf.json' is in neither output");
  });
});
