import * as fs from 'fs';
import * as path from 'path';
import { Annotations, TerraformOutput, TerraformStack } from 'cdktf';
import { EksCluster, Fleet } from '../../lib';
import { readTree, tempDir } from '../support/synth';

function fleetWithOneStack(outdir: string, value: string): Fleet {
  const fleet = new Fleet({ outdir });
  new TerraformOutput(new TerraformStack(fleet, 'app'), 'value', { value });
  return fleet;
}

describe('atomic output', () => {
  test('a failing synth leaves the previous output untouched and says why', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    fleetWithOneStack(outdir, 'first').synth();
    const before = readTree(outdir);

    const broken = fleetWithOneStack(outdir, 'second');
    Annotations.of(broken.node.findChild('app')).addError('this stack is deliberately broken');
    expect(() => broken.synth()).toThrow(/1 error\(s\); nothing was written:\n  fleet\/app: this stack is deliberately broken/);
    expect(readTree(outdir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdk.out']);
  });

  test('a stack that depends on a stack outside the fleet is an error, and nothing is written', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    const fleet = new Fleet({ outdir });
    const other = new Fleet({ name: 'other' });
    const app = new TerraformStack(fleet, 'app');
    new TerraformOutput(app, 'x', { value: 'x' });
    app.addDependency(new TerraformStack(other, 'elsewhere'));
    expect(() => fleet.synth()).toThrow(/stack 'app' depends on 'elsewhere', which is not a stack of this fleet/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a successful synth replaces stale files from the previous output', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    const first = new Fleet({ outdir });
    new EksCluster(first, 'old-cluster', { region: 'us-east-1' }).addNodePool('general');
    first.synth();
    fleetWithOneStack(outdir, 'v2').synth();
    expect([...readTree(outdir).keys()]).toEqual(['manifest.json', 'policy/report.json', 'policy/report.sarif', 'terraform/app/main.tf.json']);
  });

  test('state in the output directory survives re-synthesis', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    fleetWithOneStack(outdir, 'v1').synth();
    fs.mkdirSync(path.join(outdir, 'state'));
    fs.writeFileSync(path.join(outdir, 'state', 'app.tfstate'), '{"serial": 7}');
    fs.mkdirSync(path.join(outdir, 'terraform/app/.terraform'));
    fs.writeFileSync(path.join(outdir, 'terraform/app/.terraform/marker'), 'cache');
    fleetWithOneStack(outdir, 'v2').synth();
    expect(fs.readFileSync(path.join(outdir, 'state', 'app.tfstate'), 'utf8')).toBe('{"serial": 7}');
    expect(fs.readFileSync(path.join(outdir, 'terraform/app/.terraform/marker'), 'utf8')).toBe('cache');
    expect(fs.readFileSync(path.join(outdir, 'terraform/app/main.tf.json'), 'utf8')).toContain('"v2"');
  });

  test('a cluster without node pools is an error at synth, and nothing is written', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    const fleet = new Fleet({ outdir });
    new EksCluster(fleet, 'empty', { region: 'us-east-1' });
    expect(() => fleet.synth()).toThrow(/fleet\/empty: eksCluster has no node pools and no node autoprovisioning, so no pod could ever be scheduled; add one with addNodePool\(\)/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('refuses to replace a directory that cdk-fleet did not write', () => {
    const outdir = tempDir();
    fs.writeFileSync(path.join(outdir, 'precious.txt'), 'keep me');
    expect(() => fleetWithOneStack(outdir, 'x').synth()).toThrow(/not empty and holds no manifest.json.*refusing to replace it/);
    expect(fs.readdirSync(outdir)).toEqual(['precious.txt']);
  });
});
