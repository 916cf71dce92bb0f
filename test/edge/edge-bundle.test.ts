import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { CpuArch, EdgeFleet, EdgeFleetProps, Fleet, SiteConnectivity } from '../../lib';
import { readSynthOutput } from '../../lib/cli/synth-output';
import { validateOutput } from '../../lib/cli/validate/validate-command';
import { renderEdgeFleet } from '../../lib/edge/bundle/render-edge-fleet';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { readTree, synthFleet, Synthesized, tempDir } from '../support/synth';
import { testWithTool } from '../support/tools';

/** A small edge fleet with every feature: arm64, GPU, intermittent, mirror, overrides, charts. */
function stores(fleet: Fleet, props: EdgeFleetProps = {}): EdgeFleet {
  const edge = new EdgeFleet(fleet, 'stores', {
    sites: [
      { name: 'store-a', labels: { region: 'eu', format: 'kiosk' }, arch: CpuArch.ARM64, connectivity: SiteConnectivity.INTERMITTENT, registryMirror: 'registry.store.local:5000' },
      { name: 'store-b', labels: { region: 'us', format: 'hyper', gpu: 'yes' }, nodes: 3, gpu: { count: 1, model: 'nvidia-t4' } },
      { name: 'store-c', labels: { region: 'us', format: 'super', ring: 'canary' } },
    ],
    ...props,
  });
  edge.addWorkload('pos', { image: 'ghcr.io/acme/pos:3.8.1', resources: { cpu: '250m', memory: '256Mi' }, replicas: 2, allowFrom: ['display'] });
  edge.addWorkload('display', { image: 'ghcr.io/acme/display:2.0.0', resources: { cpu: '100m', memory: '64Mi' }, namespace: 'signage' });
  edge.addWorkload('vision', { image: 'ghcr.io/acme/vision:1.0.0', resources: { cpu: '1', memory: '1Gi' }, gpus: 1, platforms: [CpuArch.AMD64], siteSelector: { gpu: 'yes' } });
  edge.addOverride({ siteSelector: { format: 'kiosk' }, workload: 'pos', replicas: 1, resources: { cpu: '100m', memory: '128Mi' } });
  edge.addOverride({ siteSelector: { region: 'us' }, imageRegistry: 'registry.us.acme.example', featureFlags: { newCheckout: 'true' } });
  edge.addChart('fluent-bit', { chart: 'fluent-bit', repo: 'https://fluent.github.io/helm-charts', version: '0.48.9', images: ['cr.fluentbit.io/fluent/fluent-bit:3.2.10'] });
  return edge;
}

const docs = (text: string): any[] => parseAllDocuments(text).map(d => d.toJS());

describe('edge site bundles', () => {
  let out: Synthesized;
  let tree: Map<string, string>;
  beforeAll(() => {
    out = synthFleet(fleet => { stores(fleet); }, { tags: { team: 'stores' }, telemetry: { otlpEndpoint: 'http://otel.observability:4317' } });
    tree = readTree(out.outdir);
  });
  const file = (rel: string) => tree.get(rel)!;

  test('one bundle per site with k3s config, manifests, images, kustomization, site.json and SHA256SUMS', () => {
    expect([...tree.keys()].filter(f => f.startsWith('edge/store-b/'))).toEqual([
      'edge/store-b/images.txt', 'edge/store-b/k3s/agent-config.yaml', 'edge/store-b/k3s/config.yaml', 'edge/store-b/kustomization.yaml',
      'edge/store-b/manifests/addons.yaml', 'edge/store-b/manifests/workloads.yaml', 'edge/store-b/SHA256SUMS', 'edge/store-b/site.json',
    ]);
    expect(out.manifest.edge['store-a']).toMatchObject({ directory: 'edge/store-a', edgeFleet: 'stores' });
    expect(out.manifest.artifacts.filter((a: any) => a.kind === 'edge-bundle').map((a: any) => a.path))
      .toEqual(['edge/store-a/SHA256SUMS', 'edge/store-b/SHA256SUMS', 'edge/store-c/SHA256SUMS']);
  });

  test('k3s config: labels, disabled components, CIDRs, private kubeconfig, token as a file reference only', () => {
    const config = parse(file('edge/store-b/k3s/config.yaml'));
    expect(config).toEqual({
      'write-kubeconfig-mode': '0600',
      'token-file': '/etc/rancher/k3s/cluster-token',
      'cluster-cidr': '10.42.0.0/16',
      'service-cidr': '10.43.0.0/16',
      'secrets-encryption': true,
      'disable': ['servicelb', 'traefik'],
      'node-label': expect.arrayContaining(['cdk-fleet.io/site=store-b', 'cdk-fleet.io/gpu=true', 'cdk-fleet.io/gpu-model=nvidia-t4', 'format=hyper', 'region=us']),
    });
    expect(parse(file('edge/store-b/k3s/agent-config.yaml'))).toMatchObject({ 'token-file': '/etc/rancher/k3s/cluster-token' });
    for (const [name, content] of tree) {
      if (name.startsWith('edge/')) expect(content).not.toMatch(/^\s*token:/m);
    }
  });

  test('a mirrored site pulls every registry through its mirror, with a rewrite per upstream', () => {
    const registries = parse(file('edge/store-a/k3s/registries.yaml'));
    expect(Object.keys(registries.mirrors).sort()).toEqual(['cr.fluentbit.io', 'docker.io', 'ghcr.io']);
    expect(registries.mirrors['ghcr.io']).toEqual({ endpoint: ['https://registry.store.local:5000'], rewrite: { '^(.*)$': 'ghcr.io/$1' } });
    expect(tree.has('edge/store-c/k3s/registries.yaml')).toBe(false);
  });

  test('workloads are hardened and adapted to the site: arch selector, offline tolerations, GPU', () => {
    const a = docs(file('edge/store-a/manifests/workloads.yaml'));
    const pos = a.find(o => o.kind === 'Deployment' && o.metadata.name === 'pos');
    expect(pos.spec.replicas).toBe(1);
    expect(pos.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(pos.spec.template.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 86400 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 86400 },
    ]);
    expect(pos.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu: '100m', memory: '128Mi' } } });
    expect(a.map(o => o.kind)).toEqual(expect.arrayContaining(['NetworkPolicy', 'ServiceAccount', 'Service']));
    const b = docs(file('edge/store-b/manifests/workloads.yaml'));
    const vision = b.find(o => o.kind === 'Deployment' && o.metadata.name === 'vision').spec.template.spec;
    expect(vision.runtimeClassName).toBe('nvidia');
    expect(vision.containers[0].resources.limits['nvidia.com/gpu']).toBe('1');
    expect(vision.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    const posB = b.find(o => o.kind === 'Deployment' && o.metadata.name === 'pos').spec.template.spec.containers[0];
    expect(posB.image).toBe('registry.us.acme.example/acme/pos:3.8.1');
    expect(posB.env).toEqual(expect.arrayContaining([{ name: 'FEATURE_NEWCHECKOUT', value: 'true' }]));
    expect(posB.env.find((e: any) => e.name === 'OTEL_RESOURCE_ATTRIBUTES').value).toContain('k8s.cluster.name=store-b');
    expect(b.filter(o => o.kind === 'PodDisruptionBudget').map(o => o.metadata.name)).toEqual(['pos']);
  });

  test('every pod template passes Pod Security restricted', () => {
    let pods = 0;
    for (const [name, content] of tree) {
      if (!/^edge\/[^/]+\/manifests\//.test(name)) continue;
      for (const obj of docs(content)) {
        if (!['Deployment', 'StatefulSet', 'Job', 'CronJob', 'DaemonSet', 'Pod'].includes(obj.kind)) continue;
        pods++;
        for (const version of ['v1.30', 'v1.33', 'v1.37']) {
          expect({ name, object: obj.metadata.name, version, findings: evaluateObject(obj, PodSecurityLevel.RESTRICTED, version) })
            .toEqual({ name, object: obj.metadata.name, version, findings: [] });
        }
      }
    }
    expect(pods).toBe(7);
  });

  test('add-ons: restricted namespaces, the GPU RuntimeClass and device plugin on GPU sites, HelmCharts', () => {
    const b = docs(file('edge/store-b/manifests/addons.yaml'));
    expect(b.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/signage', 'RuntimeClass/nvidia', 'HelmChart/nvidia-device-plugin', 'HelmChart/fluent-bit']);
    expect(b[0].metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(b[3]).toMatchObject({ apiVersion: 'helm.cattle.io/v1', metadata: { namespace: 'kube-system' }, spec: { repo: 'https://fluent.github.io/helm-charts', version: '0.48.9' } });
    expect(docs(file('edge/store-c/manifests/addons.yaml')).map(o => o.metadata.name)).toEqual(['signage', 'fluent-bit']);
  });

  test('images.txt lists every image the site runs, once, sorted', () => {
    expect(file('edge/store-b/images.txt').trim().split('\n')).toEqual([
      'cr.fluentbit.io/fluent/fluent-bit:3.2.10',
      'nvcr.io/nvidia/k8s-device-plugin:v0.17.1',
      'registry.us.acme.example/acme/display:2.0.0',
      'registry.us.acme.example/acme/pos:3.8.1',
      'registry.us.acme.example/acme/vision:1.0.0',
    ]);
  });

  test('site.json shows the effective values after overrides', () => {
    const site = JSON.parse(file('edge/store-a/site.json'));
    expect(site).toMatchObject({ site: 'store-a', arch: 'arm64', connectivity: 'intermittent', registryMirror: 'registry.store.local:5000', k3sChannel: 'stable' });
    expect(site.workloads.pos).toEqual({ namespace: 'default', replicas: 1, image: 'ghcr.io/acme/pos:3.8.1', resources: { cpu: '100m', memory: '128Mi' }, featureFlags: {} });
    expect(JSON.parse(file('edge/store-b/site.json')).workloads.pos.featureFlags).toEqual({ newCheckout: 'true' });
    expect(Object.keys(site.workloads)).toEqual(['display', 'pos']);
  });

  test('SHA256SUMS verifies with sha256sum -c', () => {
    for (const site of ['store-a', 'store-b', 'store-c']) {
      const dir = path.join(out.outdir, 'edge', site);
      const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
      expect(checked.trim().split('\n').every(l => l.endsWith(': OK'))).toBe(true);
      expect(checked.trim().split('\n')).toHaveLength(file(`edge/${site}/SHA256SUMS`).trim().split('\n').length);
    }
  });

  testWithTool('kubectl')('kubectl kustomize renders every site', () => {
    for (const site of ['store-a', 'store-b', 'store-c']) {
      const rendered = docs(execFileSync('kubectl', ['kustomize', path.join(out.outdir, 'edge', site)], { encoding: 'utf8' }));
      expect(rendered.length).toBeGreaterThan(8);
    }
  });

  test('cdk-fleet validate of the whole output: manifest, every bundle\'s objects against the schemas', () => {
    const result = validateOutput(readSynthOutput(out.outdir, out.outdir));
    expect(result.findings).toEqual([]);
    expect(result.checked.kubernetesObjects).toBeGreaterThan(3 * 8);
  });

  test('the stamped-out fast path gives the same bundles as rendering every site from scratch', () => {
    const build = () => {
      const fleet = new Fleet({ outdir: path.join(tempDir(), 'x'), telemetry: { otlpEndpoint: 'http://otel.observability:4317' } });
      return stores(fleet);
    };
    const fast = renderEdgeFleet(build(), {}, true);
    const slow = renderEdgeFleet(build(), {}, false);
    expect([...fast.files.keys()]).toEqual([...slow.files.keys()]);
    for (const [name, content] of fast.files) expect({ name, content }).toEqual({ name, content: slow.files.get(name) });
  });
});

describe('edge determinism and archives', () => {
  function synthIn(cwd: string): Map<string, string> {
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const fleet = new Fleet({ outdir: 'cdk.out' });
      stores(fleet, { archives: true });
      fleet.synth();
      return readTree(path.join(cwd, 'cdk.out'));
    } finally {
      process.chdir(previous);
    }
  }

  test('two synths in different directories give byte-identical bundles and archives', () => {
    const a = synthIn(tempDir());
    const b = synthIn(tempDir());
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, content] of a) expect({ name, same: content === b.get(name) }).toEqual({ name, same: true });
    expect([...a.keys()].filter(k => k.startsWith('edge-archives/'))).toEqual(['edge-archives/store-a.tar.gz', 'edge-archives/store-b.tar.gz', 'edge-archives/store-c.tar.gz']);
  });

  test('an archive holds the bundle under <site>/ with fixed owners and times', () => {
    const dir = tempDir();
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const fleet = new Fleet({ outdir: 'cdk.out' });
      stores(fleet, { archives: true });
      fleet.synth();
    } finally {
      process.chdir(previous);
    }
    const archive = path.join(dir, 'cdk.out/edge-archives/store-c.tar.gz');
    const listing = execFileSync('tar', ['-tvzf', archive, '--numeric-owner'], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.map(l => l.split(/\s+/).pop())).toEqual([
      'store-c/', 'store-c/k3s/', 'store-c/manifests/', 'store-c/SHA256SUMS', 'store-c/images.txt', 'store-c/k3s/config.yaml',
      'store-c/kustomization.yaml', 'store-c/manifests/addons.yaml', 'store-c/manifests/workloads.yaml', 'store-c/site.json',
    ]);
    expect(listing.every(l => l.includes(' 0/0 ') && l.includes('1970-01-01'))).toBe(true);
    const extracted = tempDir();
    execFileSync('tar', ['-xzf', archive, '-C', extracted]);
    expect(fs.readFileSync(path.join(extracted, 'store-c/site.json'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'cdk.out/edge/store-c/site.json'), 'utf8'));
  });
});
