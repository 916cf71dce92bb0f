import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { parseAllDocuments } from 'yaml';
import { readSynthOutput } from '../../lib/cli/synth-output';
import { validateOutput } from '../../lib/cli/validate/validate-command';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { REPO, runBin, tsApp } from '../support/cli';
import { readTree, tempDir } from '../support/synth';

const run = promisify(execFile);
jest.setTimeout(600_000);

/** Synthesizes examples/edge-retail with the CLI into a new directory. */
function synthExample(): string {
  const dir = tempDir('edge-retail-');
  const result = runBin(['synth', '--app', tsApp('examples/edge-retail/main.ts'), '--out', 'cdk.out'], dir);
  expect(result.status).toBe(0);
  expect(result.stderr).toMatch(/^cdk-fleet synth: 0 stack\(s\), 0 resource\(s\), 1000 edge site\(s\), \d+ file\(s\) in/);
  return path.join(dir, 'cdk.out');
}

describe('examples/edge-retail (1,000 stores from stores.csv)', () => {
  const outdir = synthExample();
  const sites = fs.readdirSync(path.join(outdir, 'edge')).sort();

  test('one bundle per inventory row, five workloads in each', () => {
    const rows = fs.readFileSync(path.join(REPO, 'examples/edge-retail/stores.csv'), 'utf8').trim().split('\n').slice(1);
    expect(sites).toEqual(rows.map(r => r.split(',')[0]).sort());
    expect(sites).toHaveLength(1000);
    for (const site of sites) {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'edge', site, 'site.json'), 'utf8'));
      expect({ site, workloads: Object.keys(json.workloads).length }).toEqual({ site, workloads: 5 });
    }
  });

  test('kubectl kustomize succeeds for every distinct bundle shape', async () => {
    // Bundles differ between sites only by the site's name, labels and values; one site of
    // each distinct (manifests, kustomization) shape covers them all. (The whole 1,000 run
    // by hand: see the edge README section.)
    const shapes = new Map<string, string>();
    for (const site of sites) {
      const read = (f: string) => (fs.existsSync(path.join(outdir, 'edge', site, f)) ? fs.readFileSync(path.join(outdir, 'edge', site, f), 'utf8') : '');
      const shape = ['kustomization.yaml', 'manifests/workloads.yaml', 'manifests/addons.yaml'].map(read).join('\0').split(site).join('SITE');
      if (!shapes.has(shape)) shapes.set(shape, site);
    }
    const todo = [...shapes.values()];
    expect(todo.length).toBeGreaterThan(10);
    const failures: string[] = [];
    const worker = async () => {
      for (let site = todo.shift(); site; site = todo.shift()) {
        try {
          const { stdout } = await run('kubectl', ['kustomize', path.join(outdir, 'edge', site)], { maxBuffer: 16 * 1024 * 1024 });
          if ((stdout.match(/^kind: Deployment$/mg) ?? []).length !== 5) failures.push(`${site}: not 5 Deployments`);
        } catch (e) {
          failures.push(`${site}: ${(e as Error).message}`);
        }
      }
    };
    await Promise.all([worker(), worker()]);
    expect(failures).toEqual([]);
  });

  test('every SHA256SUMS verifies with sha256sum -c', () => {
    // all sites in one sha256sum run (paths prefixed with the site), plus the literal per-directory check on a few
    const combined = sites.map(site => fs.readFileSync(path.join(outdir, 'edge', site, 'SHA256SUMS'), 'utf8')
      .replace(/^([0-9a-f]{64}) {2}/mg, `$1  ${site}/`)).join('');
    const list = path.join(tempDir(), 'all.sums');
    fs.writeFileSync(list, combined);
    expect(combined.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(6 * 1000);
    expect(execFileSync('sha256sum', ['--quiet', '-c', list], { cwd: path.join(outdir, 'edge'), encoding: 'utf8' })).toBe('');
    for (const site of [sites[0], sites[99], sites[999]]) {
      const ok = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: path.join(outdir, 'edge', site), encoding: 'utf8' });
      expect(ok.trim().split('\n').every(l => l.endsWith(': OK'))).toBe(true);
    }
  });

  test('every emitted object validates against the Kubernetes schemas and every pod passes PSS restricted', () => {
    const result = validateOutput(readSynthOutput(outdir, outdir));
    expect(result.findings).toEqual([]);
    expect(result.checked.kubernetesObjects).toBeGreaterThan(1000 * 20);
    const seen = new Set<string>();
    let pods = 0;
    for (const site of sites) {
      const text = fs.readFileSync(path.join(outdir, 'edge', site, 'manifests/workloads.yaml'), 'utf8');
      const variant = text.split(site).join('SITE');
      if (seen.has(variant)) continue;
      seen.add(variant);
      for (const obj of parseAllDocuments(text).map(d => d.toJS())) {
        if (obj.kind !== 'Deployment') continue;
        pods++;
        expect({ site, name: obj.metadata.name, findings: evaluateObject(obj, PodSecurityLevel.RESTRICTED, 'v1.30') }).toEqual({ site, name: obj.metadata.name, findings: [] });
      }
    }
    expect(pods).toBeGreaterThan(5);
  });

  test('a second synth gives byte-identical bundles', () => {
    const again = synthExample();
    const a = readTree(outdir);
    const b = readTree(again);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differing = [...a].filter(([name, content]) => b.get(name) !== content).map(([name]) => name);
    expect(differing).toEqual([]);
  });
});
