import '@microsoft/jest-sarif';
import * as fs from 'fs';
import * as path from 'path';
import { BatchJob, ClusterHardening, EksCluster, EndpointAccess, Fleet, KubernetesBestPractices, PodSecurity, PolicySuppressions } from '../../lib';
import { findingTuples, podOwner, readReport, readSarif, TamperedWorkload } from '../support/policy';
import { tempDir } from '../support/synth';

const DIGEST = `@sha256:${'a'.repeat(64)}`;
const resources = { cpu: '250m', memory: '256Mi' };

/**
 * A fleet with deliberate violations under the default packs (plus digest notes): a public (but
 * restricted) EKS endpoint, a web Deployment without liveness probe and CPU limit, with
 * a host port (its Pod Security finding suppressed), a password in env and no PDB; an
 * api Deployment without NetworkPolicy and with a tag-pinned image; a compliant CronJob.
 */
function violatingFleet(outdir: string): Fleet {
  // the default packs, with digest pinning noted (CKF-K8S-005 is opt-in)
  const packs = [PodSecurity.restricted(), ClusterHardening.recommended(), KubernetesBestPractices.recommended({ requireDigests: true })];
  const fleet = new Fleet({ outdir, policy: { packs } });
  const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1', endpointAccess: EndpointAccess.publicAndPrivate(['203.0.113.0/24']) });
  eks.addNodePool('general');
  const web = new TamperedWorkload(fleet, 'web', {
    image: `ghcr.io/acme/web${DIGEST}`,
    placement: [eks],
    resources,
    replicas: 3,
    env: { DB_PASSWORD: 'hunter2-hunter2', TOKEN_FILE: '/var/run/secrets/token' },
  }, objects => {
    const c = podOwner(objects).spec.template.spec.containers[0];
    delete c.livenessProbe;
    delete c.resources.limits.cpu;
    c.ports[0].hostPort = 8080;
    objects.splice(objects.findIndex(o => o.kind === 'PodDisruptionBudget'), 1);
  });
  new TamperedWorkload(fleet, 'api', { image: 'ghcr.io/acme/api:2.0.0', placement: [eks], resources }, objects => {
    objects.splice(objects.findIndex(o => o.kind === 'NetworkPolicy'), 1);
  });
  new BatchJob(fleet, 'nightly', { image: `ghcr.io/acme/etl${DIGEST}`, placement: [eks], resources, schedule: '0 3 * * *' });
  PolicySuppressions.add(web, { ruleId: 'CKF-PSS-hostPorts', reason: 'the legacy node agent needs its host port until v2' });
  return fleet;
}

describe('a fleet with deliberate violations', () => {
  const outdir = path.join(tempDir(), 'cdk.out');
  const web = 'kubernetes/prod/web.yaml';
  const container = 'spec.template.spec.containers[0]';
  let result: any;
  let report: any;
  let sarif: any;
  beforeAll(() => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    result = violatingFleet(outdir).synth();
    stderr.mockRestore();
    report = readReport(outdir);
    sarif = readSarif(outdir);
  });

  test('report.json holds exactly the expected findings, sorted by file and path', () => {
    expect(findingTuples(report)).toEqual([
      ['CKF-K8S-006', 'warning', 'fleet/api', 'kubernetes/prod/api.yaml', 'spec.template.metadata.labels'],
      ['CKF-K8S-005', 'info', 'fleet/api', 'kubernetes/prod/api.yaml', `${container}.image`],
      ['CKF-K8S-007', 'warning', 'fleet/web', web, 'spec.replicas'],
      ['CKF-K8S-008', 'warning', 'fleet/web', web, `${container}.env[0].value`],
      ['CKF-K8S-002', 'warning', 'fleet/web', web, `${container}.livenessProbe`],
      ['CKF-K8S-009', 'warning', 'fleet/web', web, `${container}.ports[0].hostPort`],
      ['CKF-PSS-hostPorts', 'error', 'fleet/web', web, `${container}.ports[0].hostPort`],
      ['CKF-K8S-001', 'warning', 'fleet/web', web, `${container}.resources.limits.cpu`],
      ['CKF-AWS-003', 'warning', 'fleet/prod/cluster', 'terraform/prod/main.tf.json', 'resource.aws_eks_cluster.cluster.vpc_config.endpoint_public_access'],
    ]);
  });

  test('the secret in env is an error of a warn-mode pack, reported as a downgraded warning', () => {
    expect(report.findings.find((f: any) => f.ruleId === 'CKF-K8S-008')).toMatchObject({
      pack: 'kubernetes-best-practices', downgradedFrom: 'error', message: 'container "web": env DB_PASSWORD holds a literal value that looks like a secret',
    });
  });

  test('the suppressed finding carries its reason; the suppression is listed with its use', () => {
    expect(report.findings.find((f: any) => f.ruleId === 'CKF-PSS-hostPorts').suppressed)
      .toEqual({ scope: 'fleet/web', reason: 'the legacy node agent needs its host port until v2' });
    expect(report.suppressions).toEqual([
      { scope: 'fleet/web', ruleId: 'CKF-PSS-hostPorts', reason: 'the legacy node agent needs its host port until v2', matched: 1, ignored: 0 },
    ]);
  });

  test('counts per level and per rule, and the packs with their versions and modes', () => {
    expect(report.counts).toMatchObject({ error: 0, warning: 7, info: 1, suppressed: 1 });
    expect(report.counts.byRule['CKF-PSS-hostPorts']).toEqual({ error: 0, warning: 0, info: 0, suppressed: 1 });
    expect(report.counts.byRule['CKF-K8S-008']).toEqual({ error: 0, warning: 1, info: 0, suppressed: 0 });
    expect(report.packs.map((p: any) => [p.id, p.version, p.mode])).toEqual([
      ['pod-security-restricted', 'v1.37', 'enforce'],
      ['cluster-hardening', '1.0.0', 'enforce'],
      ['kubernetes-best-practices', '1.0.0', 'warn'],
    ]);
    expect(result.policy).toBe('policy: 0 errors, 7 warnings, 1 info (1 suppressed)');
  });

  test('report.sarif is a valid SARIF 2.1.0 log', () => {
    expect(sarif).toBeValidSarifLog();
    expect(sarif.version).toBe('2.1.0');
    // The matcher does reject logs that break the schema (a result without a message).
    const broken = JSON.parse(JSON.stringify(sarif));
    delete broken.runs[0].results[0].message;
    expect(broken).not.toBeValidSarifLog();
  });

  test('SARIF results mirror the findings: rule, level, file relative to the output, construct path, suppression', () => {
    const results = sarif.runs[0].results;
    const location = (r: any) => [r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].logicalLocations[0].fullyQualifiedName];
    expect(results.map((r: any) => [r.ruleId, r.level, ...location(r)]))
      .toEqual(findingTuples(report).map(([id, level, construct, file]) => [id, level === 'info' ? 'note' : level, file, construct]));
    const suppressed = results.find((r: any) => r.ruleId === 'CKF-PSS-hostPorts');
    expect(suppressed.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'the legacy node agent needs its host port until v2 (suppressed on fleet/web)' }]);
    expect(results.filter((r: any) => r.suppressions).length).toBe(1);
  });

  test('Terraform findings carry the line of the field in main.tf.json, in both reports', () => {
    const finding = report.findings.find((f: any) => f.ruleId === 'CKF-AWS-003');
    const text = fs.readFileSync(path.join(outdir, 'terraform/prod/main.tf.json'), 'utf8').split('\n');
    expect(text[finding.line - 1]).toMatch(/^ {10}"endpoint_public_access": true,?$/);
    const sarifResult = sarif.runs[0].results.find((r: any) => r.ruleId === 'CKF-AWS-003');
    expect(sarifResult.locations[0].physicalLocation.region).toEqual({ startLine: finding.line });
  });

  test('SARIF rules carry descriptions, help and the scanner ids they mirror', () => {
    const rules = sarif.runs[0].tool.driver.rules;
    const aws38 = rules.find((r: any) => r.id === 'CKF-AWS-002');
    expect(aws38).toMatchObject({
      shortDescription: { text: 'A public EKS endpoint is not reachable from 0.0.0.0/0.' },
      help: { text: expect.stringContaining('EndpointAccess.PRIVATE') },
      defaultConfiguration: { level: 'error' },
      properties: { pack: 'cluster-hardening', scannerIds: ['CKV_AWS_38'] },
    });
    for (const r of sarif.runs[0].results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
  });
});
