import * as path from 'path';
import { EksCluster, EndpointAccess, Fleet, PolicyMode, PolicySuppressions } from '../../lib';
import { readReport } from '../support/policy';
import { tempDir } from '../support/synth';

/** A fleet with one EKS cluster open to 0.0.0.0/0: CKF-AWS-002 (error) and CKF-AWS-003 (warning). */
function openFleet(policy?: Fleet['policy']): { fleet: Fleet; cluster: EksCluster; outdir: string } {
  const outdir = path.join(tempDir(), 'cdk.out');
  const fleet = new Fleet({ outdir, policy });
  const cluster = new EksCluster(fleet, 'prod', { region: 'us-east-1', endpointAccess: EndpointAccess.publicAndPrivate(['0.0.0.0/0']) });
  cluster.addNodePool('general');
  return { fleet, cluster, outdir };
}

const REASON = 'public CI runners have no fixed egress IPs until Q3';

function quietSynth(fleet: Fleet): void {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    fleet.synth();
  } finally {
    stderr.mockRestore();
  }
}

describe('suppressions', () => {
  test('a reason shorter than 10 characters is a construction error naming the construct', () => {
    const { cluster } = openFleet();
    expect(() => PolicySuppressions.add(cluster, { reason: 'because' })).toThrow(
      /policySuppression 'fleet\/prod': reason 'because' is too short; say why the finding is acceptable in at least 10 characters/);
    expect(() => PolicySuppressions.add(cluster, { reason: '          x' })).toThrow(/too short/);
    expect(() => PolicySuppressions.add(cluster, { reason: REASON, ruleId: 'CKF AWS 002' })).toThrow(/ruleId 'CKF AWS 002' is not a rule id/);
  });

  test('a suppression on a parent covers findings of its children; the error no longer fails synth', () => {
    const { fleet, cluster, outdir } = openFleet();
    PolicySuppressions.add(cluster, { ruleId: 'CKF-AWS-002', reason: REASON });
    quietSynth(fleet);
    const report = readReport(outdir);
    expect(report.findings.map((f: any) => [f.ruleId, f.constructPath, f.suppressed?.reason])).toEqual([
      ['CKF-AWS-003', 'fleet/prod/cluster', undefined],
      ['CKF-AWS-002', 'fleet/prod/cluster', REASON],
    ]);
    expect(report.counts).toMatchObject({ error: 0, warning: 1, suppressed: 1 });
  });

  test('without a rule id it suppresses every rule under the scope', () => {
    const { fleet, outdir } = openFleet();
    PolicySuppressions.add(fleet, { reason: REASON });
    quietSynth(fleet);
    expect(readReport(outdir).findings.every((f: any) => f.suppressed?.scope === 'fleet')).toBe(true);
    expect(readReport(outdir).suppressions).toEqual([{ scope: 'fleet', reason: REASON, matched: 2, ignored: 0 }]);
  });

  test('a JSON path narrows it to one finding', () => {
    const { fleet, cluster, outdir } = openFleet({ mode: PolicyMode.WARN });
    PolicySuppressions.add(cluster, { jsonPath: 'resource.aws_eks_cluster.cluster.vpc_config.endpoint_public_access', reason: REASON });
    quietSynth(fleet);
    expect(readReport(outdir).findings.map((f: any) => [f.ruleId, f.suppressed !== undefined])).toEqual([
      ['CKF-AWS-003', true],
      ['CKF-AWS-002', false],
    ]);
  });

  test('a suppression on a sibling does not apply, and unused suppressions are reported with matched 0', () => {
    const { fleet, outdir } = openFleet({ mode: PolicyMode.WARN });
    const other = new EksCluster(fleet, 'other', { region: 'us-east-1' });
    other.addNodePool('general');
    PolicySuppressions.add(other, { ruleId: 'CKF-AWS-002', reason: REASON });
    quietSynth(fleet);
    const report = readReport(outdir);
    expect(report.findings.filter((f: any) => f.suppressed)).toEqual([]);
    expect(report.suppressions).toEqual([{ scope: 'fleet/other', ruleId: 'CKF-AWS-002', reason: REASON, matched: 0, ignored: 0 }]);
  });

  test('an unsuppressible rule stays reported and still fails synth; the report says the suppression was ignored', () => {
    const { fleet, cluster } = openFleet({ unsuppressible: ['CKF-AWS-002'] });
    PolicySuppressions.add(cluster, { ruleId: 'CKF-AWS-002', reason: REASON });
    expect(() => quietSynth(fleet)).toThrow(/CKF-AWS-002 fleet\/prod\/cluster/);

    const warned = openFleet({ mode: PolicyMode.WARN, unsuppressible: ['CKF-AWS-002'] });
    PolicySuppressions.add(warned.fleet, { reason: REASON });
    quietSynth(warned.fleet);
    const report = readReport(warned.outdir);
    expect(report.findings.map((f: any) => [f.ruleId, f.suppressed?.scope, f.suppressionIgnored?.scope])).toEqual([
      ['CKF-AWS-003', 'fleet', undefined],
      ['CKF-AWS-002', undefined, 'fleet'],
    ]);
    expect(report.suppressions).toEqual([{ scope: 'fleet', reason: REASON, matched: 1, ignored: 1 }]);
    expect(report.unsuppressible).toEqual(['CKF-AWS-002']);
    expect(report.counts).toMatchObject({ error: 0, warning: 1, suppressed: 1 });
  });
});
