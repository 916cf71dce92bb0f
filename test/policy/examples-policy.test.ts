import { synthExample } from '../support/examples';
import { readReport } from '../support/policy';

describe('bundled examples under the default policy', () => {
  test.each(['eks-gpu', 'multi-cloud-gpu', 'two-teams', 'edge-retail'])('%s synthesizes with zero errors and zero warnings', example => {
    const report = readReport(synthExample(example));
    expect(report.mode).toBe('enforce');
    expect(report.packs.map((p: any) => p.id)).toEqual(['pod-security-restricted', 'cluster-hardening', 'kubernetes-best-practices']);
    expect(report.findings.filter((f: any) => f.level !== 'info')).toEqual([]);
    expect(report.counts).toMatchObject({ error: 0, warning: 0, suppressed: 0 });
  });

  test('the multi-cloud example has no findings at all (digest notes are opt-in)', () => {
    const report = readReport(synthExample('multi-cloud-gpu'));
    expect(report.findings).toEqual([]);
    expect(report.counts).toMatchObject({ error: 0, warning: 0, info: 0, suppressed: 0 });
  });

  test('the edge example (1,000 stores) has no findings either', () => {
    const report = readReport(synthExample('edge-retail'));
    expect(report.findings).toEqual([]);
    expect(report.counts).toMatchObject({ error: 0, warning: 0, info: 0, suppressed: 0 });
  });
});
