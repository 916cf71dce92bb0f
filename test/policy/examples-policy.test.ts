import * as path from 'path';
import { readReport } from '../support/policy';
import { tempDir } from '../support/synth';

/** Runs a bundled example in this process (it calls fleet.synth()) into a fresh directory; returns the output directory. */
function synthExample(example: string): string {
  const outdir = path.join(tempDir(), 'cdk.out');
  const previous = process.env.CDK_FLEET_OUTDIR;
  process.env.CDK_FLEET_OUTDIR = outdir;
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    // The examples synthesize when loaded; a fresh module registry runs each one again.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require(path.join('..', '..', 'examples', example, 'main')));
  } finally {
    stderr.mockRestore();
    if (previous === undefined) delete process.env.CDK_FLEET_OUTDIR;
    else process.env.CDK_FLEET_OUTDIR = previous;
  }
  return outdir;
}

describe('bundled examples under the default policy', () => {
  test.each(['eks-gpu', 'multi-cloud-gpu', 'edge-retail'])('%s synthesizes with zero errors and zero warnings', example => {
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
