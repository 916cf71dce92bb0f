import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Backend, Fleet } from '../../lib';
import { compiledRepo, runBin } from '../support/cli';
import { manifestProblems, writeState } from '../support/output';
import { readTree, tempDir } from '../support/synth';

function fleet(outdir: string, stacks: string[], value: string, backend?: Backend): Fleet {
  const f = new Fleet({ outdir, backend });
  for (const name of stacks) new TerraformOutput(new TerraformStack(f, name), 'value', { value: `${name}-${value}` });
  return f;
}

/** Runs `fn` with environment variables set, restoring them after. */
function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const before = Object.fromEntries(Object.keys(vars).map(k => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const manifestOf = (outdir: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
const S3 = () => Backend.s3({ bucket: 'tf-state', region: 'us-east-1' });

describe('leftovers of killed synths', () => {
  test('state stranded in a .previous directory by an older version is moved back into the output and reported', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    // What the old two-rename swap left after a kill between its renames, once the next synth wrote a fresh tree.
    const stranded = path.join(parent, '.cdk.out.previous-4242-lx1');
    fs.cpSync(outdir, stranded, { recursive: true });
    const state = writeState(path.join(stranded, 'state/app.tfstate'), 4, 9);
    fs.mkdirSync(path.join(parent, '.cdk.out.staging-4243-lx2/terraform'), { recursive: true });

    const result = fleet(outdir, ['app'], 'v2').synth();
    expect(fs.readFileSync(path.join(outdir, 'state/app.tfstate'), 'utf8')).toBe(state);
    expect(fs.readdirSync(parent)).toEqual(['cdk.out']);
    expect(result.warnings).toContain("state/app.tfstate: recovered from '.cdk.out.previous-4242-lx1', left by an interrupted synth");
    expect(manifestOf(outdir).warnings).toContainEqual({
      id: 'ckf-w:state-recovered', level: 'warning', path: 'state/app.tfstate', message: "recovered from '.cdk.out.previous-4242-lx1', left by an interrupted synth",
    });
  });

  test('when the output is gone and only a .previous tree is left, it is renamed back before the synth', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    const state = writeState(path.join(outdir, 'state/app.tfstate'), 2);
    fs.renameSync(outdir, path.join(parent, '.cdk.out.prev'));
    const result = fleet(outdir, ['app'], 'v2').synth();
    expect(result.warnings).toEqual([".: the output was missing after an interrupted synth; restored from '.cdk.out.prev'"]);
    expect(fs.readFileSync(path.join(outdir, 'state/app.tfstate'), 'utf8')).toBe(state);
    expect(fs.readdirSync(parent)).toEqual(['cdk.out']);
  });

  test('a leftover that differs from the output\'s state is kept beside it as .recovered-1, and both are reported', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    const current = writeState(path.join(outdir, 'state/app.tfstate'), 1, 2);
    const older = writeState(path.join(parent, '.cdk.out.prev/state/app.tfstate'), 5, 1);
    const result = fleet(outdir, ['app'], 'v2').synth();
    expect(fs.readFileSync(path.join(outdir, 'state/app.tfstate'), 'utf8')).toBe(current);
    expect(fs.readFileSync(path.join(outdir, 'state/app.tfstate.recovered-1'), 'utf8')).toBe(older);
    expect(result.warnings.join('\n')).toMatch(/state\/app.tfstate.recovered-1: recovered from '.cdk.out.prev'.*differs from 'state\/app.tfstate': keep the right one and delete the other/);
  });

  test('cdk-fleet validate finishes a swap killed between its renames before reading', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    fs.renameSync(outdir, path.join(parent, '.cdk.out.next'));
    fs.writeFileSync(path.join(parent, '.cdk.out.swap.json'), '{"journalVersion":1,"step":"swap"}\n');
    const run = runBin(['validate', '--out', 'cdk.out'], parent);
    expect(run.stderr).not.toMatch(/no synth output/);
    expect(run.status).toBe(0);
    expect(manifestProblems(outdir)).toEqual([]);
    expect(fs.readdirSync(parent)).toEqual(['cdk.out']);
  });
});

describe('one synth at a time per output', () => {
  test('a synth fails with a clear message while another live process holds the lock, and touches nothing', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    const before = readTree(outdir);
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(path.join(parent, '.cdk.out.lock'), JSON.stringify({ pid: holder.pid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
      withEnv({ CDK_FLEET_LOCK_TIMEOUT: '0.2' }, () => {
        expect(() => fleet(outdir, ['app'], 'v2').synth()).toThrow(
          new RegExp(`another synth \\(pid ${holder.pid} on .*\\) is writing '.*cdk.out'; waited 0.2 s for its lock.*or delete '.*\\.cdk\\.out\\.lock' if no synth is running`));
      });
      expect(readTree(outdir)).toEqual(before);
      expect(fs.readdirSync(parent).sort()).toEqual(['.cdk.out.lock', 'cdk.out']);
    } finally {
      holder.kill();
    }
  });

  test('a synth waits for the lock while its holder runs, then writes', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'cdk.out');
    const holder = spawn('sleep', ['0.5']);
    fs.writeFileSync(path.join(parent, '.cdk.out.lock'), JSON.stringify({ pid: holder.pid, host: os.hostname(), since: 'now' }));
    const started = Date.now();
    fleet(outdir, ['app'], 'v1').synth();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(manifestProblems(outdir)).toEqual([]);
    expect(fs.readdirSync(parent)).toEqual(['cdk.out']);
  });

  test('a lock left by a killed synth is taken over', () => {
    const parent = tempDir();
    const outdir = path.join(parent, 'cdk.out');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(parent, '.cdk.out.lock'), JSON.stringify({ pid: Number(dead), host: os.hostname(), since: 'then' }));
    fleet(outdir, ['app'], 'v1').synth();
    expect(fs.readdirSync(parent)).toEqual(['cdk.out']);
  });

  test('two synths into one output at the same time both succeed, one after the other, and state survives', async () => {
    const work = tempDir();
    const outdir = path.join(work, 'out', 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    const state = writeState(path.join(outdir, 'state/app.tfstate'), 3);
    const src = path.join(work, 'v2', 'cdk.out');
    fleet(src, ['app', 'db'], 'v2').synth();
    const treeFile = path.join(work, 'tree.json');
    fs.writeFileSync(treeFile, JSON.stringify({ files: Object.fromEntries(readTree(src)), streamed: [], stacks: ['app', 'db'] }));
    const child = path.join(compiledRepo(), 'test', 'fixtures', 'output-writer-child.js');
    const run = () => new Promise<number | null>(resolve => {
      spawn(process.execPath, [child, outdir, treeFile, '0']).on('close', code => resolve(code));
    });
    expect(await Promise.all([run(), run(), run()])).toEqual([0, 0, 0]);
    expect(manifestProblems(outdir)).toEqual([]);
    expect(fs.readFileSync(path.join(outdir, 'state/app.tfstate'), 'utf8')).toBe(state);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdk.out']);
  });
});

describe('only cdk-fleet output is replaced', () => {
  test('a directory whose manifest.json is not ours (a web app\'s public/) is refused and nothing is deleted', () => {
    const outdir = path.join(tempDir(), 'public');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ name: 'My PWA', icons: [], start_url: '/' }));
    fs.writeFileSync(path.join(outdir, 'index.html'), '<html></html>');
    const before = readTree(outdir);
    expect(() => fleet(outdir, ['app'], 'v1').synth()).toThrow(
      /output directory '.*public' holds a manifest.json that cdk-fleet did not write \(no manifestVersion, fleet, stacks and artifacts\), so it is not cdk-fleet output; refusing to replace it and its 2 entries/);
    expect(readTree(outdir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['public']);
  });

  test('a symlinked output directory stays a symlink; the synth writes where it points', () => {
    const parent = tempDir();
    const real = path.join(parent, 'real-out');
    fleet(real, ['app'], 'v1').synth();
    const state = writeState(path.join(real, 'state/app.tfstate'), 1);
    const link = path.join(parent, 'cdk.out');
    fs.symlinkSync('real-out', link);
    fleet(link, ['app'], 'v2').synth();
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe('real-out');
    expect(fs.readFileSync(path.join(real, 'terraform/app/main.tf.json'), 'utf8')).toContain('app-v2');
    expect(fs.readFileSync(path.join(real, 'state/app.tfstate'), 'utf8')).toBe(state);
    expect(fs.readdirSync(parent).sort()).toEqual(['cdk.out', 'real-out']);
  });
});

describe('state is never deleted by synth', () => {
  test('workspace state (terraform.tfstate.d/), lock files and the .terraform cache survive re-synthesis', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    const ws = writeState(path.join(outdir, 'terraform/app/terraform.tfstate.d/staging/terraform.tfstate'), 2);
    fs.writeFileSync(path.join(outdir, 'terraform/app/.terraform.lock.hcl'), '# providers\n');
    fs.mkdirSync(path.join(outdir, 'state'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'state/.app.tfstate.lock.info'), '{"ID":"1"}');
    fs.writeFileSync(path.join(outdir, 'app.tfstate.old'), 'x'); // state-like, outside the state directory
    const result = fleet(outdir, ['app'], 'v2').synth();
    const after = readTree(outdir);
    expect(after.get('terraform/app/terraform.tfstate.d/staging/terraform.tfstate')).toBe(ws);
    expect(after.get('terraform/app/.terraform.lock.hcl')).toBe('# providers\n');
    expect(after.get('state/.app.tfstate.lock.info')).toBe('{"ID":"1"}');
    expect(after.get('app.tfstate.old')).toBe('x');
    expect(result.warnings).toEqual(["app.tfstate.old: kept: this state is outside the local backend's directory 'state', so no stack uses it; move or delete it yourself"]);
  });

  test('state of a stack the program no longer has is kept and reported', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    fleet(outdir, ['app', 'old'], 'v1').synth();
    const old = writeState(path.join(outdir, 'state/old.tfstate'), 6);
    const oldWs = writeState(path.join(outdir, 'terraform/old/terraform.tfstate.d/dev/terraform.tfstate'), 1);
    fs.mkdirSync(path.join(outdir, 'terraform/old/.terraform'));
    const result = fleet(outdir, ['app'], 'v2').synth();
    const after = readTree(outdir);
    expect(after.get('state/old.tfstate')).toBe(old);
    expect(after.get('terraform/old/terraform.tfstate.d/dev/terraform.tfstate')).toBe(oldWs);
    expect(fs.existsSync(path.join(outdir, 'terraform/old/.terraform'))).toBe(false); // a cache, rebuilt by init
    expect(fs.existsSync(path.join(outdir, 'terraform/old/main.tf.json'))).toBe(false);
    expect(manifestOf(outdir).warnings).toEqual([
      { id: 'ckf-w:state-kept', level: 'warning', path: 'state/old.tfstate', message: "kept: stack 'old' is no longer in the fleet; destroy its resources or move this away, then delete it" },
      { id: 'ckf-w:state-kept', level: 'warning', path: 'terraform/old/terraform.tfstate.d', message: "kept: stack 'old' is no longer in the fleet; destroy its resources or move this away, then delete it" },
    ]);
    expect(result.warnings).toHaveLength(2);
    expect(manifestProblems(outdir)).toEqual([]);
  });

  test('changing Backend.local({ directory }) moves the state into the new directory and says to re-init', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    const state = writeState(path.join(outdir, 'state/app.tfstate'), 3);
    const backup = writeState(path.join(outdir, 'state/app.tfstate.backup'), 2);
    const result = fleet(outdir, ['app'], 'v2', Backend.local({ directory: 'tfstate' })).synth();
    const after = readTree(outdir);
    expect(after.get('tfstate/app.tfstate')).toBe(state);
    expect(after.get('tfstate/app.tfstate.backup')).toBe(backup);
    expect(fs.existsSync(path.join(outdir, 'state'))).toBe(false);
    expect(JSON.parse(after.get('terraform/app/main.tf.json')!).terraform.backend.local.path).toBe('../../tfstate/app.tfstate');
    expect(result.warnings).toContain("tfstate/app.tfstate: moved from 'state/app.tfstate' (the local backend's directory changed); run 'terraform init -reconfigure' in the stack's directory");
    expect(manifestOf(outdir).state).toEqual({ backend: 'local', directory: 'tfstate' });
  });

  test('switching to a remote backend while local state tracks resources is an error that says how to migrate, and nothing changes', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    writeState(path.join(outdir, 'state/app.tfstate'), 3);
    const before = readTree(outdir);
    expect(() => fleet(outdir, ['app'], 'v2', S3()).synth()).toThrow(new RegExp(
      "backend is now 's3', but '.*cdk.out' holds local state that tracks resources and would be stranded: state/app.tfstate\\. " +
      'Migrate it first: synthesize once with CDK_FLEET_MIGRATE_STATE=1 .*terraform init -migrate-state.*then delete the local files; ' +
      "or keep Backend.local\\(\\{ directory: 'state' \\}\\)"));
    expect(readTree(outdir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdk.out']);
  });

  test('the migration synth keeps the local state for terraform init -migrate-state; once init recorded the new backend, synth no longer stops', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    const state = writeState(path.join(outdir, 'state/app.tfstate'), 3);
    const result = withEnv({ CDK_FLEET_MIGRATE_STATE: '1' }, () => fleet(outdir, ['app'], 'v2', S3()).synth());
    expect(fs.readFileSync(path.join(outdir, 'state/app.tfstate'), 'utf8')).toBe(state);
    expect(result.warnings).toContain("state/app.tfstate: kept: local state, but the fleet's backend is now 's3'; once 'terraform init -migrate-state' has copied it, delete it");
    // What `terraform init -migrate-state` records in the stack directory.
    fs.mkdirSync(path.join(outdir, 'terraform/app/.terraform'));
    fs.writeFileSync(path.join(outdir, 'terraform/app/.terraform/terraform.tfstate'), JSON.stringify({ version: 3, backend: { type: 's3', config: {} } }));
    const again = fleet(outdir, ['app'], 'v3', S3()).synth();
    expect(fs.readFileSync(path.join(outdir, 'state/app.tfstate'), 'utf8')).toBe(state);
    expect(again.warnings).toHaveLength(1);
  });

  test('local state that tracks no resources does not stop a switch to a remote backend, and is kept', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    fleet(outdir, ['app'], 'v1').synth();
    const empty = writeState(path.join(outdir, 'state/app.tfstate'), 0);
    fleet(outdir, ['app'], 'v2', S3()).synth();
    expect(fs.readFileSync(path.join(outdir, 'state/app.tfstate'), 'utf8')).toBe(empty);
  });
});
