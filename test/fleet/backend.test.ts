import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Backend, EksCluster, Engine, Fleet, StateEncryption } from '../../lib';
import { synthFleet, tempDir } from '../support/synth';
import { testWithTool } from '../support/tools';

const oneCluster = (fleet: Fleet) => new EksCluster(fleet, 'prod-us', { region: 'us-east-1' }).addNodePool('general');

describe('backends', () => {
  test.each([
    [Backend.s3({ bucket: 'tf-state', region: 'us-east-1' }),
      { s3: { bucket: 'tf-state', key: 'cdk-fleet/prod-us.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } }],
    [Backend.gcs({ bucket: 'tf-state', prefix: 'fleets/main' }),
      { gcs: { bucket: 'tf-state', prefix: 'fleets/main/prod-us' } }],
    [Backend.azurerm({ resourceGroupName: 'rg', storageAccountName: 'tfstate', containerName: 'state' }),
      { azurerm: { resource_group_name: 'rg', storage_account_name: 'tfstate', container_name: 'state', key: 'cdk-fleet/prod-us.tfstate', use_azuread_auth: true } }],
    [Backend.local({ directory: 'tfstate/prod' }),
      { local: { path: '../../tfstate/prod/prod-us.tfstate' } }],
  ])('%#: renders one state location per stack', (backend, expected) => {
    const out = synthFleet(oneCluster, { backend });
    expect(out.stack('prod-us').terraform.backend).toEqual(expected);
    expect(out.manifest.stacks['prod-us'].backend).toBe(Object.keys(expected)[0]);
  });

  test.each(['../outside', '/var/lib/state', 'a/../../b'])('Backend.local rejects %s, which escapes the output directory', dir => {
    expect(() => Backend.local({ directory: dir })).toThrow(new RegExp(`directory '${dir.replace(/\./g, '\\.')}' escapes the output directory; give a relative path inside it`));
  });

  test('Backend.local rejects a directory that would mix state with stack files', () => {
    expect(() => Backend.local({ directory: 'terraform' })).toThrow(/would mix state with synthesized files/);
  });

  test('remote backends require their settings', () => {
    expect(() => Backend.s3({ bucket: '', region: 'us-east-1' })).toThrow(/Backend.s3: 'bucket' is required/);
    expect(() => Backend.azurerm({ resourceGroupName: 'rg', storageAccountName: 'sa', containerName: ' ' })).toThrow(/'containerName' is required/);
  });
});

describe('OpenTofu state encryption', () => {
  test('is off by default: no main.tofu.json', () => {
    const out = synthFleet(oneCluster);
    expect(fs.existsSync(path.join(out.outdir, 'terraform/prod-us/main.tofu.json'))).toBe(false);
    expect(out.manifest.engine).toBe('terraform');
  });

  test('Engine.OPENTOFU writes main.tofu.json: the full stack plus a passphrase-based encryption block', () => {
    const out = synthFleet(oneCluster, { engine: Engine.OPENTOFU });
    const tf = out.stack('prod-us');
    const tofu = JSON.parse(fs.readFileSync(path.join(out.outdir, 'terraform/prod-us/main.tofu.json'), 'utf8'));
    expect(tf.terraform.encryption).toBeUndefined();
    expect(tofu.resource).toEqual(tf.resource);
    expect(tofu.terraform.encryption).toEqual({
      key_provider: { pbkdf2: { fleet: { passphrase: '${var.state_encryption_passphrase}' } } },
      method: { aes_gcm: { fleet: { keys: '${key_provider.pbkdf2.fleet}' } } },
      state: { method: '${method.aes_gcm.fleet}', enforced: true },
      plan: { method: '${method.aes_gcm.fleet}', enforced: true },
      remote_state_data_sources: { default: { method: '${method.aes_gcm.fleet}' } },
    });
    expect(tofu.variable.state_encryption_passphrase).toMatchObject({ type: 'string', sensitive: true });
    expect(out.manifest.artifacts.map((a: any) => [a.path, a.kind])).toEqual([
      ['policy/report.json', 'policy-report'],
      ['policy/report.sarif', 'policy-report'],
      ['terraform/prod-us-addons/main.tf.json', 'terraform-stack'],
      ['terraform/prod-us-addons/main.tofu.json', 'opentofu-stack'],
      ['terraform/prod-us/main.tf.json', 'terraform-stack'],
      ['terraform/prod-us/main.tofu.json', 'opentofu-stack'],
    ]);
  });

  test('an encryption prop implies OpenTofu and uses the chosen key provider', () => {
    const out = synthFleet(oneCluster, { encryption: StateEncryption.awsKms({ kmsKeyId: 'alias/tofu-state', region: 'us-east-1' }) });
    const tofu = JSON.parse(fs.readFileSync(path.join(out.outdir, 'terraform/prod-us/main.tofu.json'), 'utf8'));
    expect(out.manifest.engine).toBe('opentofu');
    expect(tofu.terraform.encryption.key_provider).toEqual({ aws_kms: { fleet: { kms_key_id: 'alias/tofu-state', region: 'us-east-1', key_spec: 'AES_256' } } });
    expect(tofu.variable).toBeUndefined();
  });

  testWithTool('terraform')('terraform validates a stack whose directory also holds main.tofu.json (it ignores the file)', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    const fleet = new Fleet({ outdir, engine: Engine.OPENTOFU });
    new TerraformOutput(new TerraformStack(fleet, 'plain'), 'greeting', { value: 'hello' });
    fleet.synth();
    const dir = path.join(outdir, 'terraform/plain');
    expect(fs.existsSync(path.join(dir, 'main.tofu.json'))).toBe(true);
    const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
    execFileSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'pipe' });
    const result = JSON.parse(execFileSync('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env, stdio: 'pipe' }).toString());
    expect(result).toMatchObject({ valid: true, error_count: 0 });
  });
});
