import * as fs from 'fs';
import * as path from 'path';
import { REPO, appCommand, runBin, runCli } from '../support/cli';
import { readTree, tempDir } from '../support/synth';

jest.setTimeout(120_000);

describe('cdk-fleet synth', () => {
  test('end to end (the bin script as a child process): synthesizes the example and prints stacks, resources, files and time', () => {
    const cwd = tempDir();
    const result = runBin(['synth', '--app', appCommand('examples/eks-gpu/main.ts'), '--out', 'out'], cwd);
    expect(result.stderr).toMatch(/cdk-fleet synth: 2 stack\(s\), (\d+) resource\(s\), 5 file\(s\) in \d+\.\d\d s → out/);
    expect(result.stderr).toContain('policy: 0 errors, 0 warnings, 0 info (0 suppressed) → out/policy/report.json, report.sarif');
    expect(result.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(cwd, 'out/manifest.json'), 'utf8'));
    const resources = Number(/(\d+) resource\(s\)/.exec(result.stderr)![1]);
    expect(resources).toBe(manifest.stacks['prod-us'].resources + manifest.stacks['prod-us-addons'].resources);
    expect(result.stderr).toMatch(/prod-us\s+aws\s+\d+\s+0/);
    expect(result.stderr).toMatch(/prod-us-addons\s+aws\s+\d+\s+1/);

    const tf = JSON.parse(fs.readFileSync(path.join(cwd, 'out/terraform/prod-us/main.tf.json'), 'utf8'));
    expect(Object.keys(tf.resource.aws_eks_cluster)).toHaveLength(1);
    const gpuGroups = Object.values<any>(tf.resource.aws_eks_node_group).filter(g => /NVIDIA/.test(g.ami_type));
    expect(gpuGroups).toEqual([expect.objectContaining({
      ami_type: 'AL2023_x86_64_NVIDIA',
      instance_types: ['g6.xlarge'],
      taint: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }],
    })]);
  });

  test('the multi-cloud example gives an EKS, a GKE and an AKS stack, each with a tainted GPU pool and an add-ons stack', async () => {
    const cwd = tempDir();
    const result = await runCli(['synth', '--app', appCommand('examples/multi-cloud-gpu/main.ts')], cwd);
    expect(result.stderr).toMatch(/cdk-fleet synth: 6 stack\(s\), \d+ resource\(s\), 20 file\(s\)/);
    expect(result.status).toBe(0);
    const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(cwd, 'cdk.out/terraform', name, 'main.tf.json'), 'utf8')).resource;
    const releases = (name: string) => Object.keys(stack(name).helm_release).sort();
    expect(releases('aws-us-east-addons')).toEqual(['cluster-autoscaler', 'gpu-operator', 'otel-collector']);
    // the support agent scales with KEDA on GKE; GKE's own driver and device plugin serve the H100 pool (no GPU Operator)
    expect(releases('gcp-us-central-addons')).toEqual(['keda', 'otel-collector']);
    expect(releases('azure-westeurope-addons')).toEqual(['gpu-operator', 'otel-collector']);
    // web selects the clusters labelled geo=us
    const manifest = JSON.parse(fs.readFileSync(path.join(cwd, 'cdk.out/manifest.json'), 'utf8'));
    expect(Object.entries<any>(manifest.kubernetes).filter(([, k]) => k.workloads.includes('default/web')).map(([name]) => name))
      .toEqual(['aws-us-east', 'gcp-us-central']);
    const eks = Object.values<any>(stack('aws-us-east').aws_eks_node_group).find(g => /NVIDIA/.test(g.ami_type));
    expect(eks.taint).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }]);
    const gke = Object.values<any>(stack('gcp-us-central').google_container_node_pool).find(p => p.node_config.guest_accelerator);
    expect(gke.node_config.guest_accelerator[0]).toMatchObject({ type: 'nvidia-h100-80gb', count: 1 });
    expect(gke.node_config.taint).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }]);
    const aks = Object.values<any>(stack('azure-westeurope').azurerm_kubernetes_cluster_node_pool).find(p => p.gpu_driver);
    expect(aks.vm_size).toBe('Standard_NC40ads_H100_v5');
    expect(aks.node_taints).toContain('nvidia.com/gpu=present:NoSchedule');
  });

  test('two synths of the example from different directories give byte-identical trees', async () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const cwd of [a, b]) {
      expect((await runCli(['synth', '--app', appCommand('examples/eks-gpu/main.ts')], cwd)).status).toBe(0);
    }
    const treeA = readTree(path.join(a, 'cdk.out'));
    expect([...treeA.keys()].sort()).toEqual(['manifest.json', 'policy/report.json', 'policy/report.sarif', 'terraform/prod-us-addons/main.tf.json', 'terraform/prod-us/main.tf.json']);
    expect(readTree(path.join(b, 'cdk.out'))).toEqual(treeA);
  });

  test('a definition error: exit 2, the message without a stack trace, previous output kept', () => {
    const cwd = tempDir();
    expect(runBin(['synth', '--app', appCommand('examples/eks-gpu/main.ts')], cwd).status).toBe(0);
    const before = readTree(path.join(cwd, 'cdk.out'));
    const result = runBin(['synth', '--app', appCommand('test/fixtures/bad-cluster-app.ts')], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Error: nodePool 'fleet/prod-us/general': minSize 5 is greater than maxSize 2; use minSize ≤ maxSize");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).toContain('the previous output in cdk.out was left as it was');
    expect(readTree(path.join(cwd, 'cdk.out'))).toEqual(before);
  });

  test('an enforced policy error: non-zero exit, the findings listed, previous output kept', async () => {
    const cwd = tempDir();
    expect((await runCli(['synth', '--app', appCommand('examples/eks-gpu/main.ts')], cwd)).status).toBe(0);
    const before = readTree(path.join(cwd, 'cdk.out'));
    const result = await runCli(['synth', '--app', appCommand('test/fixtures/policy-violation-app.ts')], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('policy: 1 error finding(s) of enforced packs; nothing was written:');
    expect(result.stderr).toContain('CKF-AWS-002 fleet/prod-us/cluster');
    expect(result.stderr).toContain('terraform/prod-us/main.tf.json resource.aws_eks_cluster.cluster.vpc_config.public_access_cidrs');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(readTree(path.join(cwd, 'cdk.out'))).toEqual(before);
  });

  test('a program that never calls synth() is reported', async () => {
    const result = await runCli(['synth', '--app', appCommand('test/fixtures/no-synth-app.ts')], tempDir());
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/wrote no output to cdk.out; does the program call fleet.synth\(\)\?/);
  });

  test('--json prints a machine-readable summary on stdout', async () => {
    const result = await runCli(['synth', '--app', appCommand('examples/eks-gpu/main.ts'), '--json'], tempDir());
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      out: 'cdk.out',
      files: 5,
      warnings: [],
      stacks: [{ name: 'prod-us', cloud: 'aws', planWave: 0, dependsOn: [] }, { name: 'prod-us-addons', cloud: 'aws', planWave: 1, dependsOn: ['prod-us'] }],
    });
    expect(summary.policy).toEqual({ error: 0, warning: 0, info: 0, suppressed: 0 });
    expect(summary.resources).toBe(summary.stacks[0].resources + summary.stacks[1].resources);
    expect(summary.seconds).toBeGreaterThan(0);
  });

  test('reads the app from cdk-fleet.json', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'cdk-fleet.json'), JSON.stringify({ app: appCommand('examples/eks-gpu/main.ts') }));
    const result = await runCli(['synth', '--out', 'fleet.out'], cwd);
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'fleet.out/terraform/prod-us/main.tf.json'))).toBe(true);
  });

  test.each([
    [['synth'], 2, /no program to run; pass --app "<command>" or set "app" in cdk-fleet.json/],
    [['deploy'], 2, /unknown command 'deploy'/],
    [['synth', '--app'], 2, /--app needs a value/],
    [['synth', '--verbose'], 2, /unknown argument '--verbose'/],
    [[], 2, /usage: cdk-fleet <command> \[options\]\n\n {2}synth/],
    [['--help'], 0, /usage: cdk-fleet <command>[\s\S]*validate[\s\S]*plan[\s\S]*diff/],
  ])('usage: %j exits %d', async (args, code, message) => {
    const result = await runCli(args as string[], tempDir());
    expect(result.status).toBe(code);
    expect(result.stderr).toMatch(message);
  });

  test('end to end: the process exit code is the command\'s; --version prints the package version', () => {
    const unknown = runBin(['deploy'], tempDir());
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'deploy'/);
    const version = runBin(['--version'], tempDir());
    expect(version.status).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect(version.stdout).toBe(`cdk-fleet ${pkg.version}\n`);
  });
});
