import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compareStrings } from '../../lib/core/compare';
import { compiledRepo, REPO } from '../support/cli';
import { readTree, tempDir } from '../support/synth';

describe('output does not depend on the locale or the time zone', () => {
  jest.setTimeout(60_000);

  test('compareStrings orders by code units, not by any collation', () => {
    const words = ['z', 'ž', 'ch', 'h', 'I', 'ı', 'i', 'İ', 't', 's'];
    expect([...words].sort(compareStrings)).toEqual(['I', 'ch', 'h', 'i', 's', 't', 'z', 'İ', 'ı', 'ž']);
    expect([...words].sort(compareStrings)).toEqual([...words].sort());
    expect(compareStrings('a', 'a')).toBe(0);
    // What the collations would have done (node here honours LANG; the point is that we must not ask it).
    expect(['z', 't'].sort((a, b) => a.localeCompare(b, 'et-EE'))).toEqual(['z', 't']);
  });

  test('no library code sorts with localeCompare or Intl.Collator', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, d.name);
        if (d.isDirectory()) walk(full);
        else if (d.name.endsWith('.ts') && d.name !== 'compare.ts' && /localeCompare\(|Intl\.Collator/.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(REPO, full));
      }
    };
    walk(path.join(REPO, 'lib'));
    expect(offenders).toEqual([]);
  });

  test('a fleet with policy findings and env vars synthesizes byte-identically under C, tr_TR, et_EE and another TZ', async () => {
    const child = path.join(compiledRepo(), 'test', 'fixtures', 'locale-fleet-app.js');
    const settings: Record<string, string>[] = [
      { LANG: 'C', LC_ALL: 'C', TZ: 'UTC' },
      { LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', TZ: 'Europe/Istanbul' },
      { LANG: 'et_EE.UTF-8', LC_ALL: 'et_EE.UTF-8', TZ: 'Europe/Tallinn' },
      { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', TZ: 'Pacific/Kiritimati' },
    ];
    const work = tempDir();
    type Run = { env: Record<string, string>; outdir: string; code: number | null; stderr: string };
    const runs = await Promise.all(settings.map((env, i) => new Promise<Run>(resolve => {
      const outdir = path.join(work, `run-${i}`, 'cdk.out');
      const p = spawn(process.execPath, [child, outdir], { env: { ...process.env, ...env } });
      let stderr = '';
      p.stderr.on('data', d => { stderr += d; });
      p.on('close', code => resolve({ env, outdir, code, stderr }));
    })));
    for (const run of runs) expect([run.env.LANG, run.code, run.code === 0 ? '' : run.stderr]).toEqual([run.env.LANG, 0, '']);
    const [reference, ...others] = runs.map(r => readTree(r.outdir));
    const report = JSON.parse(reference.get('policy/report.json')!);
    // The fleet exercises what collations reorder: rule ids in mixed case, findings, env names.
    expect(report.findings.length).toBeGreaterThanOrEqual(2);
    const ids: string[] = report.rules.map((r: any) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['CKF-AWS-001', 'CKF-AZURE-001', 'CKF-PSS-allowPrivilegeEscalation', 'CKF-PSS-capabilities_baseline', 'CKF-VERSION-001']));
    const envNames = [...reference.get('kubernetes/aws-z/shop.yaml')!.matchAll(/- name: ([A-Za-z_]+)\n\s+value: /g)].map(m => m[1]);
    const ours = ['CHANNEL', 'HOST', 'INDEX', 'SHARD', 'TIER', 'ZONE', 'Zeta', 'index_lower'];
    expect(envNames.filter(n => ours.includes(n))).toEqual(ours);
    others.forEach((tree, i) => {
      const lang = settings[i + 1].LANG;
      expect([lang, [...tree.keys()]]).toEqual([lang, [...reference.keys()]]);
      for (const [file, content] of reference) expect([lang, file, tree.get(file) === content]).toEqual([lang, file, true]);
    });
  });
});
