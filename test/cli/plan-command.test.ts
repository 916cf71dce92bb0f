import * as fs from 'fs';
import * as path from 'path';
import { engineAvailable } from '../../lib/cli/plan/engine';
import { appCommand, CliResult, runBin, runCli } from '../support/cli';
import { tempDir } from '../support/synth';

jest.setTimeout(180_000);

const PLAIN_FILE = 'test/fixtures/plain-stacks-app.ts';
const PLAIN = appCommand(PLAIN_FILE);
const HAS_TERRAFORM = engineAvailable('terraform');
if (!HAS_TERRAFORM) {
  // eslint-disable-next-line no-console
  console.log('cdk-fleet plan tests with terraform are skipped: no terraform binary on PATH');
}

(HAS_TERRAFORM ? describe : describe.skip)('cdk-fleet plan with terraform (real runs)', () => {
  const cwd = tempDir();
  let result: CliResult;
  let report: any;
  beforeAll(async () => {
    expect((await runCli(['synth', '--app', appCommand(PLAIN_FILE, { FIXTURE_BROKEN: '1' })], cwd)).status).toBe(0);
    result = await runCli(['plan', '--engine', 'terraform', '--parallel', '2', '--json'], cwd);
    report = JSON.parse(result.stdout);
  });

  test('one failing stack does not hide the others; the exit code says something failed', async () => {
    expect(result.status).toBe(1);
    const byStack = Object.fromEntries(report.stacks.map((s: any) => [s.stack, s]));
    expect(Object.keys(byStack).sort()).toEqual(['after-broken', 'alpha', 'apps', 'beta', 'broken', 'network']);
    expect(byStack.alpha).toMatchObject({ status: 'planned', add: 2, change: 0, destroy: 0 });
    expect(byStack.network).toMatchObject({ status: 'planned', add: 1 });
    expect(byStack.apps).toMatchObject({ status: 'planned', add: 1 });
    expect(byStack.broken.status).toBe('failed');
    expect(byStack.broken.reason).toMatch(/terraform plan exited with 1 \(No value for required variable\); see cdk.out\/plans\/broken\/plan.log/);
    expect(byStack['after-broken']).toMatchObject({ status: 'skipped', reason: "not planned because 'broken' failed" });
    expect(report.ok).toBe(false);
  });

  test('keeps each stack\'s log and plan JSON under cdk.out/plans/', async () => {
    const plan = JSON.parse(fs.readFileSync(path.join(cwd, 'cdk.out/plans/alpha/plan.json'), 'utf8'));
    expect(plan.resource_changes.map((r: any) => r.address).sort()).toEqual(['terraform_data.one', 'terraform_data.two']);
    expect(fs.readFileSync(path.join(cwd, 'cdk.out/plans/broken/plan.log'), 'utf8')).toMatch(/required_setting/);
  });

  test('dependencies first; independent stacks run in parallel', async () => {
    const byStack = Object.fromEntries(report.stacks.map((s: any) => [s.stack, s]));
    expect(byStack.apps.startedMs).toBeGreaterThanOrEqual(byStack.network.finishedMs);
    const [a, b] = [byStack.alpha, byStack.beta];
    expect(a.startedMs < b.finishedMs && b.startedMs < a.finishedMs).toBe(true);
  });

  test('the human summary is a table with a row per stack', async () => {
    const human = await runCli(['plan', '--engine', 'terraform', '--stacks', 'alpha,network'], cwd);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/cdk-fleet plan \(terraform\): 2 of 2 stack\(s\) planned/);
    expect(human.stdout).toMatch(/alpha\s+2\s+0\s+0\s+\d+\.\d s\s+planned/);
    expect(human.stderr).toMatch(/✓ network: 1 to add, 0 to change, 0 to destroy/);
  });
});

describe('cdk-fleet plan: bad input', () => {
  const cwd = tempDir();
  beforeAll(async () => {
    expect((await runCli(['synth', '--app', PLAIN], cwd)).status).toBe(0);
  });

  test('end to end: no engine on PATH is said clearly (exit 2)', () => {
    const result = runBin(['plan'], cwd, { PATH: '/nonexistent' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("neither OpenTofu ('tofu') nor Terraform ('terraform') is on PATH; install one, or pass --engine");
  });

  test('an unknown stack name lists the stacks (exit 2)', async () => {
    const result = await runCli(['plan', '--stacks', 'alpha,nope'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown stack(s) 'nope'; stacks in cdk.out: ");
  });

  test('a cycle in stack dependencies (exit 2)', async () => {
    const copy = tempDir();
    fs.cpSync(path.join(cwd, 'cdk.out'), path.join(copy, 'cdk.out'), { recursive: true });
    const file = path.join(copy, 'cdk.out/manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    manifest.stacks.network.dependsOn = ['apps'];
    fs.writeFileSync(file, JSON.stringify(manifest));
    const result = await runCli(['plan', '--engine', 'terraform'], copy);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cdk-fleet plan: stack dependencies form a cycle among: apps, network');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('a program that throws: its error is shown, exit 2', async () => {
    const result = await runCli(['plan', '--app', appCommand('test/fixtures/bad-cluster-app.ts')], tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Error: nodePool 'fleet/prod-us/general': minSize 5 is greater than maxSize 2");
  });
});
