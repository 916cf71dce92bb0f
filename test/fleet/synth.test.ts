import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Accelerator, EksCluster, Fleet } from '../../lib';
import { sha256 } from '../../lib/core/stable-json';
import { readTree, synthFleet, tempDir } from '../support/synth';

function smallFleet(fleet: Fleet): void {
  const cluster = new EksCluster(fleet, 'prod-us', { region: 'us-east-1' });
  cluster.addNodePool('general');
  cluster.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
}

describe('Fleet synthesis', () => {
  test('writes one stack directory per cluster and a manifest with hashes, kinds and plan order', () => {
    const out = synthFleet(fleet => {
      smallFleet(fleet);
      new EksCluster(fleet, 'prod-eu', { region: 'eu-west-1' }).addNodePool('general');
    });
    const files = readTree(out.outdir);
    expect([...files.keys()].sort()).toEqual([
      'manifest.json',
      'policy/report.json',
      'policy/report.sarif',
      'terraform/prod-eu-addons/main.tf.json',
      'terraform/prod-eu/main.tf.json',
      'terraform/prod-us-addons/main.tf.json',
      'terraform/prod-us/main.tf.json',
    ]);
    // EKS clusters get an add-ons stack (cluster-autoscaler; GPU operator for the GPU pool), planned after the cluster.
    expect(out.manifest.planOrder).toEqual([['prod-eu', 'prod-us'], ['prod-eu-addons', 'prod-us-addons']]);
    const policyArtifacts = out.manifest.artifacts.filter((a: any) => a.kind === 'policy-report');
    expect(policyArtifacts.map((a: any) => a.path)).toEqual(['policy/report.json', 'policy/report.sarif']);
    for (const artifact of policyArtifacts) expect(artifact.sha256).toBe(sha256(files.get(artifact.path)!));
    const stackArtifacts = out.manifest.artifacts.filter((a: any) => a.kind !== 'policy-report');
    expect(stackArtifacts).toHaveLength(4);
    for (const artifact of stackArtifacts) {
      const addons = artifact.stack.endsWith('-addons');
      expect(artifact.kind).toBe('terraform-stack');
      expect(artifact.sha256).toBe(sha256(files.get(artifact.path)!));
      expect(artifact.dependsOn).toEqual(addons ? [artifact.stack.replace(/-addons$/, '')] : []);
      expect(artifact.planWave).toBe(addons ? 1 : 0);
    }
    expect(out.manifest.stacks['prod-us']).toMatchObject({
      directory: 'terraform/prod-us',
      backend: 'local',
      cluster: { cloud: 'aws', name: 'prod-us', kubernetesVersion: '1.34' },
    });
    expect(out.manifest.stacks['prod-us'].resources).toBe(Object.values<any>(out.stack('prod-us').resource)
      .reduce((n, r) => n + Object.keys(r).length, 0));
  });

  test('stack dependencies become plan waves and manifest dependsOn', () => {
    const out = synthFleet(fleet => {
      const a = new TerraformStack(fleet, 'network');
      new TerraformOutput(a, 'x', { value: 'x' });
      const b = new TerraformStack(fleet, 'apps');
      new TerraformOutput(b, 'y', { value: 'y' });
      b.addDependency(a);
    });
    expect(out.manifest.planOrder).toEqual([['network'], ['apps']]);
    const apps = out.manifest.artifacts.find((a: any) => a.stack === 'apps');
    expect(apps).toMatchObject({ dependsOn: ['network'], planWave: 1 });
  });

  test('provider blocks are portable: namespace/type sources, version ranges, loose required_version', () => {
    const tf = synthFleet(smallFleet).stack('prod-us');
    expect(tf.terraform.required_version).toBe('>= 1.6.0');
    const providers = Object.values<any>(tf.terraform.required_providers);
    expect(providers.length).toBeGreaterThan(0);
    for (const p of providers) {
      expect(p.source).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(p.version).toMatch(/^~> \d+\.\d+$/);
    }
    expect(tf.terraform.required_providers.aws.source).toBe('hashicorp/aws');
  });

  test('the default local backend keeps state inside the output, relative to the stack directory', () => {
    const out = synthFleet(smallFleet);
    const tf = out.stack('prod-us');
    expect(tf.terraform.backend).toEqual({ local: { path: '../../state/prod-us.tfstate' } });
    const resolved = path.resolve(out.outdir, 'terraform/prod-us', tf.terraform.backend.local.path);
    expect(resolved.startsWith(out.outdir + path.sep)).toBe(true);
  });

  test('no absolute path of the machine appears in the output', () => {
    const out = synthFleet(smallFleet);
    for (const [file, content] of readTree(out.outdir)) {
      expect({ file, hasCwd: content.includes(process.cwd()) }).toEqual({ file, hasCwd: false });
      expect(content).not.toContain(path.dirname(out.outdir));
      expect(content).not.toMatch(/"\/(home|root|tmp|Users|work)\//);
    }
  });

  test('the same program gives byte-identical trees in different directories', () => {
    const a = synthFleet(smallFleet);
    const b = synthFleet(smallFleet);
    expect(a.outdir).not.toBe(b.outdir);
    expect(readTree(a.outdir)).toEqual(readTree(b.outdir));
  });

  test('synth reports counts and warnings', () => {
    const outdir = path.join(tempDir(), 'out');
    const fleet = new Fleet({ outdir });
    const cluster = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    cluster.addGpuNodePool('future', { accelerator: Accelerator.NVIDIA_L4, machineType: 'g7.xlarge' });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const result = fleet.synth();
    stderr.mockRestore();
    expect(result).toMatchObject({ outdir, stacks: 2, files: 5 }); // the cluster, its add-ons stack, two policy reports, manifest.json
    expect(result.resources).toBeGreaterThan(30);
    expect(result.warnings).toEqual([expect.stringMatching(/^fleet\/prod\/future: machine type 'g7.xlarge' is not in the GPU catalog/)]);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  });
});
