import * as fs from 'fs';
import * as path from 'path';
import { EksCluster, Fleet, PolicyMode, PodSecurity, WorkloadProps } from '../../lib';
import { findingTuples, podOwner, readReport, TamperedWorkload } from '../support/policy';
import { readTree, tempDir } from '../support/synth';

const web = (placement: WorkloadProps['placement']): WorkloadProps => ({
  image: `ghcr.io/acme/web@sha256:${'b'.repeat(64)}`, placement, resources: { cpu: '250m', memory: '256Mi' }, replicas: 2,
});

/** A fleet whose web Deployment runs a privileged container with a host port. */
function privilegedFleet(outdir: string, policy?: Fleet['policy']): Fleet {
  const fleet = new Fleet({ outdir, policy });
  const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1' });
  eks.addNodePool('general');
  new TamperedWorkload(fleet, 'web', web([eks]), objects => {
    const c = podOwner(objects).spec.template.spec.containers[0];
    c.securityContext = { ...c.securityContext, privileged: true };
  });
  return fleet;
}

describe('enforce', () => {
  test('an error finding fails synth with a readable list and writes nothing', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    expect(() => privilegedFleet(outdir).synth()).toThrow(
      /policy: 1 error finding\(s\) of enforced packs; nothing was written:\n {2}CKF-PSS-privileged fleet\/web\n {4}kubernetes\/aws-us\/web.yaml spec.template.spec.containers\[0\].securityContext.privileged\n/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a long list of errors is cut after 20 with counts per rule', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    const fleet = new Fleet({ outdir });
    const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1' });
    eks.addNodePool('general');
    for (let i = 0; i < 12; i++) {
      new TamperedWorkload(fleet, `web-${i}`, web([eks]), objects => {
        const spec = podOwner(objects).spec.template.spec;
        spec.hostNetwork = true;
        spec.containers[0].securityContext.privileged = true;
      });
    }
    expect(() => fleet.synth()).toThrow(/policy: 24 error finding\(s\)[^]*\n {2}\.\.\. and 4 more; per rule: CKF-PSS-hostNamespaces ×12, CKF-PSS-privileged ×12\n/);
  });

  test('a failing synth leaves the previous output byte for byte', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    privilegedFleet(outdir, { mode: PolicyMode.WARN }).synth();
    const before = readTree(outdir);
    expect(before.has('policy/report.json')).toBe(true);
    expect(() => privilegedFleet(outdir).synth()).toThrow(/CKF-PSS-privileged/);
    expect(readTree(outdir)).toEqual(before);
  });
});

describe('modes', () => {
  test('warn reports the error as a warning, marked as downgraded, and writes the reports', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    const result = privilegedFleet(outdir, { mode: PolicyMode.WARN }).synth();
    const report = readReport(outdir);
    expect(findingTuples(report)).toEqual([
      ['CKF-PSS-privileged', 'warning', 'fleet/web', 'kubernetes/aws-us/web.yaml', 'spec.template.spec.containers[0].securityContext.privileged'],
    ]);
    expect(report.findings[0]).toMatchObject({ downgradedFrom: 'error', pack: 'pod-security-restricted', message: expect.stringContaining('privileged=true') });
    expect(report.counts).toMatchObject({ error: 0, warning: 1, info: 0, suppressed: 0 });
    expect(report.mode).toBe('warn');
    expect(result.policy).toBe('policy: 0 errors, 1 warning, 0 info (0 suppressed)');
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.filter((a: any) => a.kind === 'policy-report').map((a: any) => a.path)).toEqual(['policy/report.json', 'policy/report.sarif']);
  });

  test('a pack in warn mode does not fail synth while the fleet enforces', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    privilegedFleet(outdir, { packs: [PodSecurity.restricted({ mode: PolicyMode.WARN })] }).synth();
    expect(readReport(outdir).packs).toEqual([expect.objectContaining({ id: 'pod-security-restricted', mode: 'warn', version: 'v1.37' })]);
    expect(readReport(outdir).counts.warning).toBe(1);
  });

  test('off runs nothing and writes no policy directory', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    const result = privilegedFleet(outdir, { mode: PolicyMode.OFF }).synth();
    expect(fs.existsSync(path.join(outdir, 'policy'))).toBe(false);
    expect(result.policy).toBeUndefined();
  });

  test('the report is deterministic: two synths give identical bytes', () => {
    const a = path.join(tempDir(), 'cdk.out');
    const b = path.join(tempDir(), 'cdk.out');
    privilegedFleet(a, { mode: PolicyMode.WARN }).synth();
    privilegedFleet(b, { mode: PolicyMode.WARN }).synth();
    for (const file of ['policy/report.json', 'policy/report.sarif']) {
      expect(fs.readFileSync(path.join(a, file), 'utf8')).toBe(fs.readFileSync(path.join(b, file), 'utf8'));
    }
  });
});
