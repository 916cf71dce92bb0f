import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO, runBin, tsApp } from '../support/cli';
import { tempDir } from '../support/synth';

jest.setTimeout(180_000);

const PLAIN = tsApp('test/fixtures/plain-stacks-app.ts');

describe('cdk-fleet diff (child process)', () => {
  const cwd = tempDir();
  beforeAll(() => {
    expect(runBin(['synth', '--app', PLAIN, '--out', 'base.out'], cwd).status).toBe(0);
    expect(runBin(['synth', '--app', PLAIN], cwd, { FIXTURE_CIDR: '10.9.0.0/16' }).status).toBe(0);
  });

  test('lists changed stacks and files by content hash', () => {
    const result = runBin(['diff', '--base', 'base.out', '--json'], cwd);
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout);
    expect(diff).toMatchObject({
      changed: true,
      stacks: { changed: ['network'], added: [], removed: [] },
      files: { changed: ['terraform/network/main.tf.json'], added: [], removed: [] },
    });
    const human = runBin(['diff', '--base', 'base.out'], cwd);
    expect(human.stdout).toContain('stacks 1 changed, 0 added, 0 removed');
    expect(human.stdout).toMatch(/stacks:\n {2}~ network/);
  });

  test('added and removed stacks; --exit-code returns 1 when anything changed', () => {
    const other = tempDir();
    expect(runBin(['synth', '--app', PLAIN], other, { FIXTURE_BROKEN: '1' }).status).toBe(0);
    const result = runBin(['diff', '--base', path.join(cwd, 'base.out'), '--json', '--exit-code'], other);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).stacks).toEqual({ added: ['after-broken', 'broken'], changed: [], removed: [] });
    const same = runBin(['diff', '--base', 'cdk.out', '--exit-code'], other);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('no changes');
  });

  test('--artifact shows a unified diff of one file', () => {
    const result = runBin(['diff', '--base', 'base.out', '--artifact', 'terraform/network/main.tf.json'], cwd);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--- base/terraform/network/main.tf.json\n+++ current/terraform/network/main.tf.json');
    expect(result.stdout).toMatch(/^-\s+"cidr": "10\.0\.0\.0\/16"$/m);
    expect(result.stdout).toMatch(/^\+\s+"cidr": "10\.9\.0\.0\/16"$/m);
    expect(result.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
  });

  test('plan --changed-since plans the changed stack and its dependents only', () => {
    const result = runBin(['plan', '--engine', 'terraform', '--changed-since', 'base.out', '--json'], cwd);
    expect(result.stderr).toContain('changed since base.out: apps, network');
    expect(JSON.parse(result.stdout).stacks.map((s: any) => s.stack)).toEqual(['network', 'apps']);
    expect(result.status).toBe(0);
  });

  test('a git ref as base is synthesized in a temporary worktree', () => {
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: repo, stdio: 'pipe' });
    const writeApp = (cidr: string) => fs.writeFileSync(path.join(repo, 'app.js'),
      `process.env.FIXTURE_CIDR = '${cidr}';\nrequire(${JSON.stringify(require.resolve('ts-node/register/transpile-only'))});\n` +
      `require(${JSON.stringify(path.join(REPO, 'test/fixtures/plain-stacks-app.ts'))});\n`);
    git('init', '-q');
    writeApp('10.0.0.0/16');
    fs.writeFileSync(path.join(repo, 'cdk-fleet.json'), JSON.stringify({ app: `${JSON.stringify(process.execPath)} app.js` }));
    git('add', '.');
    git('commit', '-qm', 'first');
    writeApp('10.7.0.0/16');
    expect(runBin(['synth'], repo).status).toBe(0);
    const result = runBin(['diff', '--base', 'HEAD', '--json'], repo);
    expect(result.stderr).toContain('synthesizing HEAD in a temporary worktree');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).stacks.changed).toEqual(['network']);
    expect(execFileSync('git', ['worktree', 'list'], { cwd: repo }).toString().trim().split('\n')).toHaveLength(1);
  });

  test('bad input: no --base, an unknown base, an artifact in neither output', () => {
    expect(runBin(['diff'], cwd).stderr).toContain('--base <dir|git-ref> is required');
    const unknown = runBin(['diff', '--base', 'no-such-thing'], cwd);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--base 'no-such-thing' is neither a directory nor a (git ref|commit)/);
    const artifact = runBin(['diff', '--base', 'base.out', '--artifact', 'terraform/ghost/main.tf.json'], cwd);
    expect(artifact.status).toBe(2);
    expect(artifact.stderr).toContain("--artifact 'terraform/ghost/main.tf.json' is in neither output");
  });
});
