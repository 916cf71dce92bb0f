import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { EdgeFleet, EdgeSiteProps, Fleet, GitOps } from '../../lib';
import { rolloutWaves } from '../../lib/edge/bundle/rollout-waves';
import { readTree, synthFleet, tempDir } from '../support/synth';

const repoUrl = 'https://git.acme.example/platform/edge.git';
const sites = (n: number): EdgeSiteProps[] => Array.from({ length: n }, (_, i) => ({
  name: `store-${String(i + 1).padStart(3, '0')}`,
  labels: { region: i % 2 ? 'eu' : 'us', ring: i < 2 ? 'canary' : 'main' },
}));

function build(delivery: GitOps, count = 200) {
  return synthFleet(fleet => {
    const edge = new EdgeFleet(fleet, 'stores', { sites: sites(count), delivery, rollout: { canarySelector: { ring: 'canary' }, percentages: [1, 10, 100] } });
    edge.addWorkload('pos', { image: 'ghcr.io/acme/pos:3.8.1', resources: { cpu: '100m', memory: '128Mi' } });
  });
}

describe('rollout waves', () => {
  test('canary sites first, then 1 %, 10 % and 100 % of the others, every site exactly once', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'o') });
    const edge = new EdgeFleet(fleet, 'stores', { sites: sites(202), rollout: { canarySelector: { ring: 'canary' }, percentages: [1, 10, 100] } });
    const waves = rolloutWaves(edge.sites, edge.rollout);
    expect(waves.map(w => [w.name, w.sites.length])).toEqual([['canary', 2], ['wave-1', 2], ['wave-2', 18], ['wave-3', 180]]);
    expect(waves[0].sites.map(s => s.siteName)).toEqual(['store-001', 'store-002']);
    const all = waves.flatMap(w => w.sites.map(s => s.siteName));
    expect(new Set(all).size).toBe(202);
    // deterministic: same sites, same waves
    expect(rolloutWaves(edge.sites, edge.rollout).map(w => w.sites.map(s => s.siteName))).toEqual(waves.map(w => w.sites.map(s => s.siteName)));
  });

  test('each site carries its wave as a node label and in site.json', () => {
    const out = build(GitOps.flux({ repoUrl }), 20);
    const site = JSON.parse(fs.readFileSync(path.join(out.outdir, 'edge/store-001/site.json'), 'utf8'));
    expect(site.wave).toBe('canary');
    expect(parse(fs.readFileSync(path.join(out.outdir, 'edge/store-001/k3s/config.yaml'), 'utf8'))['node-label']).toContain('cdk-fleet.io/wave=canary');
  });
});

describe('GitOps delivery', () => {
  test('Flux: a GitRepository per wave branch and a Kustomization per site with postBuild substitutions', () => {
    const out = build(GitOps.flux({ repoUrl, path: 'fleet-output' }));
    const tree = readTree(out.outdir);
    expect([...tree.keys()].filter(k => k.startsWith('gitops/')).sort()).toEqual([
      'gitops/flux/stores/canary.yaml', 'gitops/flux/stores/wave-1.yaml', 'gitops/flux/stores/wave-2.yaml', 'gitops/flux/stores/wave-3.yaml',
    ]);
    const canary = parseAllDocuments(tree.get('gitops/flux/stores/canary.yaml')!).map(d => d.toJS());
    expect(canary[0]).toMatchObject({ kind: 'GitRepository', metadata: { name: 'stores-canary' }, spec: { url: repoUrl, ref: { branch: 'rollout/canary' } } });
    expect(canary.slice(1).map(k => k.metadata.name)).toEqual(['site-store-001', 'site-store-002']);
    expect(canary[1]).toMatchObject({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      spec: {
        path: './fleet-output/edge/store-001',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'stores-canary' },
        postBuild: { substitute: { SITE_NAME: 'store-001', SITE_ARCH: 'amd64', SITE_WAVE: 'canary', SITE_LABEL_REGION: 'us', SITE_LABEL_RING: 'canary' } },
      },
    });
    const kustomizations = ['canary', 'wave-1', 'wave-2', 'wave-3']
      .flatMap(w => parseAllDocuments(tree.get(`gitops/flux/stores/${w}.yaml`)!).map(d => d.toJS()).filter(o => o.kind === 'Kustomization'));
    expect(kustomizations).toHaveLength(200);
    expect(out.manifest.artifacts.filter((a: any) => a.kind === 'gitops')).toHaveLength(4);
  });

  test('Argo CD: an ApplicationSet with a cluster generator on site labels and RollingSync over the waves', () => {
    const out = build(GitOps.argoCd({ repoUrl, revision: 'release' }));
    const tree = readTree(out.outdir);
    const appSet = parse(tree.get('gitops/argocd/stores/applicationset.yaml')!);
    expect(appSet.spec.generators).toEqual([{ clusters: { selector: { matchLabels: { 'cdk-fleet.io/edge-fleet': 'stores' } } } }]);
    expect(appSet.spec.strategy.rollingSync.steps.map((s: any) => s.matchExpressions[0].values[0])).toEqual(['canary', 'wave-1', 'wave-2', 'wave-3']);
    expect(appSet.spec.template.spec.source).toEqual({ repoURL: repoUrl, targetRevision: 'release', path: 'edge/{{.name}}' });
    const labels = JSON.parse(tree.get('gitops/argocd/stores/cluster-labels.json')!);
    expect(Object.keys(labels)).toHaveLength(200);
    expect(labels['store-001']).toEqual({ 'cdk-fleet.io/edge-fleet': 'stores', 'cdk-fleet.io/site': 'store-001', 'cdk-fleet.io/wave': 'canary' });
  });

  test('Rancher Fleet: a GitRepo per wave with the sites\' paths, and a fleet.yaml in each bundle targeting its site', () => {
    const out = build(GitOps.rancherFleet({ repoUrl }));
    const tree = readTree(out.outdir);
    const repos = parseAllDocuments(tree.get('gitops/rancher-fleet/stores/gitrepos.yaml')!).map(d => d.toJS());
    expect(repos.map(r => [r.metadata.name, r.spec.branch, r.spec.paths.length])).toEqual([
      ['stores-canary', 'rollout/canary', 2], ['stores-wave-1', 'rollout/wave-1', 2], ['stores-wave-2', 'rollout/wave-2', 18], ['stores-wave-3', 'rollout/wave-3', 178],
    ]);
    expect(repos[0].spec.targets).toEqual([{ clusterSelector: { matchLabels: { 'cdk-fleet.io/edge-fleet': 'stores', 'cdk-fleet.io/wave': 'canary' } } }]);
    const fleetYaml = parse(tree.get('edge/store-001/fleet.yaml')!);
    expect(fleetYaml.targetCustomizations).toEqual([
      { name: 'store-001', clusterSelector: { matchLabels: { 'cdk-fleet.io/site': 'store-001' } } },
      { name: 'other-sites', clusterSelector: {}, doNotDeploy: true },
    ]);
    expect(tree.get('edge/store-001/SHA256SUMS')).toContain('  fleet.yaml\n');
    expect(tree.get('edge/store-001/kustomization.yaml')).not.toContain('fleet.yaml');
  });
});
