import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { parseAllDocuments } from 'yaml';
import { readSynthOutput } from '../../lib/cli/synth-output';
import { checkKubernetesObjects } from '../../lib/cli/validate/kubernetes-schemas';
import { checkManifestIntegrity } from '../../lib/cli/validate/manifest-integrity';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { appCommand, REPO, runCli } from '../support/cli';
import { readTree, tempDir } from '../support/synth';
import { testWithTool } from '../support/tools';

const run = promisify(execFile);
jest.setTimeout(600_000);

/** Synthesizes examples/edge-retail with the CLI into a new directory. */
async function synthExample(): Promise<string> {
  const dir = tempDir('edge-retail-');
  const result = await runCli(['synth', '--app', appCommand('examples/edge-retail/main.ts'), '--out', 'cdk.out'], dir);
  expect(result.status).toBe(0);
  expect(result.stderr).toMatch(/^cdk-fleet synth: 0 stack\(s\), 0 resource\(s\), 1000 edge site\(s\), \d+ file\(s\) in/);
  return path.join(dir, 'cdk.out');
}

/** A file of a site's bundle, or '' when the bundle has none. */
function read(outdir: string, site: string, file: string): string {
  const full = path.join(outdir, 'edge', site, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
}

describe('examples/edge-retail (1,000 stores from stores.csv)', () => {
  let outdir: string;
  let sites: string[];
  beforeAll(async () => {
    outdir = await synthExample();
    sites = fs.readdirSync(path.join(outdir, 'edge')).sort();
  });

  test('one bundle per inventory row, five workloads in each', () => {
    const rows = fs.readFileSync(path.join(REPO, 'examples/edge-retail/stores.csv'), 'utf8').trim().split('\n').slice(1);
    expect(sites).toEqual(rows.map(r => r.split(',')[0]).sort());
    expect(sites).toHaveLength(1000);
    for (const site of sites) {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'edge', site, 'site.json'), 'utf8'));
      expect({ site, workloads: Object.keys(json.workloads).length }).toEqual({ site, workloads: 5 });
    }
  });

  testWithTool('kubectl')('kubectl kustomize succeeds for every distinct bundle shape', async () => {
    // Bundles differ between sites only by the site's name, labels and values; one site of
    // each distinct (manifests, kustomization) shape covers them all. (The whole 1,000 run
    // by hand: see the edge README section.)
    const shapes = new Map<string, string>();
    for (const site of sites) {
      const shape = ['kustomization.yaml', 'manifests/workloads.yaml', 'manifests/addons.yaml'].map(f => read(outdir, site, f)).join('\0').split(site).join('SITE');
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

  test('the manifest matches every file; one site per distinct variant validates against the Kubernetes schemas and passes PSS restricted', () => {
    // Every file is hashed against manifest.json; the objects of sites that differ only by
    // the site's own name are schema-checked once per variant (a whole-output validate of a
    // small edge fleet runs in edge-bundle.test.ts).
    expect(checkManifestIntegrity(readSynthOutput(outdir, outdir))).toEqual([]);
    const variants = new Map<string, string>();
    for (const site of sites) {
      const text = ['workloads', 'addons'].map(f => read(outdir, site, `manifests/${f}.yaml`)).join('\0');
      const variant = text.split(site).join('SITE');
      if (!variants.has(variant)) variants.set(variant, site);
    }
    expect(variants.size).toBeGreaterThan(10);
    let objects = 0;
    let pods = 0;
    for (const site of variants.values()) {
      for (const file of ['manifests/workloads.yaml', 'manifests/addons.yaml']) {
        const text = read(outdir, site, file);
        if (!text) continue;
        const result = checkKubernetesObjects(`edge/${site}/${file}`, text);
        expect(result.findings).toEqual([]);
        objects += result.objects;
        for (const obj of parseAllDocuments(text).map(d => d.toJS())) {
          if (obj.kind !== 'Deployment') continue;
          pods++;
          expect({ site, name: obj.metadata.name, findings: evaluateObject(obj, PodSecurityLevel.RESTRICTED, 'v1.30') }).toEqual({ site, name: obj.metadata.name, findings: [] });
        }
      }
    }
    expect(objects).toBeGreaterThan(variants.size * 10);
    expect(pods).toBeGreaterThanOrEqual(variants.size * 5);
  });

  test('a second synth gives byte-identical bundles', async () => {
    const again = await synthExample();
    const a = readTree(outdir);
    const b = readTree(again);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differing = [...a].filter(([name, content]) => b.get(name) !== content).map(([name]) => name);
    expect(differing).toEqual([]);
  });
});
