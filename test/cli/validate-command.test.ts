import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { appCommand, runCli } from '../support/cli';
import { tempDir } from '../support/synth';

jest.setTimeout(120_000);

describe('cdk-fleet validate', () => {
  test.each(['examples/multi-cloud-gpu/main.ts', 'examples/eks-gpu/main.ts'])('the bundled example %s is clean', async example => {
    const result = await runCli(['validate', '--app', appCommand(example), '--json'], tempDir());
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.findings).toEqual([]);
    expect(report.checked.stacks).toBeGreaterThan(0);
  });

  test('a deliberately broken output: each problem is named, exit 1', async () => {
    const cwd = tempDir();
    expect((await runCli(['synth', '--app', appCommand('test/fixtures/plain-stacks-app.ts')], cwd)).status).toBe(0);
    const out = path.join(cwd, 'cdk.out');
    // 1. an edited artifact (hash mismatch)
    const alpha = path.join(out, 'terraform/alpha/main.tf.json');
    fs.writeFileSync(alpha, fs.readFileSync(alpha, 'utf8').replace('"name": "alpha"', '"name": "edited"'));
    // 2. a missing artifact
    fs.rmSync(path.join(out, 'terraform/beta/main.tf.json'));
    // 3. a file nobody listed
    fs.writeFileSync(path.join(out, 'terraform/apps/extra.tf.json'), '{}');
    // 4. a dangling reference and depends_on, with the manifest hash updated so only the reference check sees it
    const network = path.join(out, 'terraform/network/main.tf.json');
    const tf = JSON.parse(fs.readFileSync(network, 'utf8'));
    tf.output.cidr_block.value = '${terraform_data.ghost.output}';
    tf.resource.terraform_data.cidr.depends_on = ['terraform_data.phantom'];
    fs.writeFileSync(network, JSON.stringify(tf));
    const manifestFile = path.join(out, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const entry = manifest.artifacts.find((a: any) => a.path === 'terraform/network/main.tf.json');
    entry.sha256 = createHash('sha256').update(fs.readFileSync(network)).digest('hex');
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));

    const result = await runCli(['validate', '--json'], cwd);
    expect(result.status).toBe(1);
    const findings = JSON.parse(result.stdout).findings.map((f: any) => `${f.check} ${f.file} ${f.jsonPath ?? ''} ${f.message}`);
    expect(findings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^manifest terraform\/alpha\/main.tf.json +sha256 mismatch: manifest.json records [0-9a-f]{12}…, the file has [0-9a-f]{12}…/),
      expect.stringMatching(/^manifest terraform\/beta\/main.tf.json +listed in manifest.json but missing from the output/),
      expect.stringMatching(/^manifest terraform\/apps\/extra.tf.json +present in the output but not listed in manifest.json/),
      "terraform-references terraform/network/main.tf.json output.cidr_block.value an expression refers to 'terraform_data.ghost', which is not declared in this stack",
      "terraform-references terraform/network/main.tf.json resource.terraform_data.cidr.depends_on[0] depends_on refers to 'terraform_data.phantom', which is not declared in this stack",
    ]));
    expect(findings).toHaveLength(5);

    const human = await runCli(['validate'], cwd);
    expect(human.status).toBe(1);
    expect(human.stdout).toMatch(/5 problem\(s\)/);
    expect(human.stdout).toContain("✗ [terraform-references] terraform/network/main.tf.json output.cidr_block.value: an expression refers to 'terraform_data.ghost'");
  });

  test('Kubernetes objects are checked against the OpenAPI schemas; policy errors count', async () => {
    const cwd = tempDir();
    expect((await runCli(['synth', '--app', appCommand('test/fixtures/plain-stacks-app.ts')], cwd)).status).toBe(0);
    const out = path.join(cwd, 'cdk.out');
    const manifestFile = path.join(out, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const add = (rel: string, content: string) => {
      fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
      fs.writeFileSync(path.join(out, rel), content);
      manifest.artifacts = manifest.artifacts.filter((a: any) => a.path !== rel);
      manifest.artifacts.push({ path: rel, kind: 'test', sha256: createHash('sha256').update(content).digest('hex') });
    };
    const deployment = (port: string) => [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}',
      'spec:', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}',
      `    spec: {containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: ${port}}]}]}`,
    ].join('\n');
    add('kubernetes/prod/web.yaml', `${deployment('8080')}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n`);
    add('kubernetes/prod/broken.yaml', deployment('"http"'));
    add('kubernetes/prod/custom.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n');
    add('kubernetes/prod/kustomization.yaml', 'resources: [web.yaml]\n');
    add('policy/report.json', JSON.stringify({
      findings: [
        { ruleId: 'PSS-privileged', level: 'error', message: 'privileged container', constructPath: 'fleet/web', file: 'kubernetes/prod/web.yaml' },
        { ruleId: 'BP-probes', level: 'warning', message: 'no readiness probe' },
        { ruleId: 'PSS-hostports', level: 'error', message: 'host port', suppressed: true },
      ],
    }));
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));

    const result = await runCli(['validate', '--json'], cwd);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.checked).toMatchObject({ kubernetesObjects: 4, unknownKinds: ['example.com/v1/Widget'], policyReport: true });
    expect(report.findings).toEqual([
      {
        check: 'kubernetes-schema',
        file: 'kubernetes/prod/broken.yaml',
        jsonPath: 'documents[0].spec.template.spec.containers.0.ports.0.containerPort',
        message: "Deployment 'web': spec.template.spec.containers.0.ports.0.containerPort must be integer (Kubernetes apps/v1 Deployment schema)",
      },
      { check: 'policy', file: 'kubernetes/prod/web.yaml', message: 'PSS-privileged (fleet/web): privileged container' },
    ]);
  });

  test('a missing or corrupted output is a usage error (exit 2)', async () => {
    const cwd = tempDir();
    const missing = await runCli(['validate'], cwd);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no synth output at 'cdk.out'; run 'cdk-fleet synth' first or pass --app");
    fs.mkdirSync(path.join(cwd, 'cdk.out'));
    fs.writeFileSync(path.join(cwd, 'cdk.out/manifest.json'), '{ not json');
    const corrupt = await runCli(['validate'], cwd);
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toMatch(/'cdk.out\/manifest.json' is not valid JSON/);
  });

  test('a program that throws: its error is shown, exit 2', async () => {
    const result = await runCli(['validate', '--app', appCommand('test/fixtures/bad-cluster-app.ts')], tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("nodePool 'fleet/prod-us/general': minSize 5 is greater than maxSize 2");
  });
});
