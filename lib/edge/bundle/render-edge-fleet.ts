import { tarGz } from './archive';
import { SITE_NAME_PLACEHOLDER, edgeWorkloadObjects } from './edge-objects';
import { agentConfig, registriesConfig, serverConfig } from './k3s-files';
import { WAVE_LABEL, rolloutWaves } from './rollout-waves';
import { DEVICE_PLUGIN_CHART, helmChartObject, nvidiaRuntimeClass, restrictedNamespace } from './site-objects';
import { effectiveValues } from './site-values';
import { renderObjectsYaml } from './yaml-render';
import { ErrorCode } from '../../core/error-codes';
import { FleetValidationError } from '../../core/errors';
import { sha256 } from '../../core/stable-json';
import { FleetWarning, WarningId } from '../../core/warnings';
import { rancherFleetYaml, renderDelivery } from '../delivery/render-delivery';
import type { EdgeChart, EdgeFleet } from '../edge-fleet';
import type { EdgeSite } from '../edge-site';
import { EdgeWorkload } from '../edge-workload';
import { GitOpsEngine } from '../gitops';

/** A Kubernetes object of a bundle, for the policy checks. */
export interface EdgeObject {
  readonly file: string;
  readonly constructPath: string;
  readonly object: Record<string, any>;
}

/** What rendering an edge fleet produced. */
export interface EdgeRender {
  /** Relative output path → contents. */
  readonly files: Map<string, string | Buffer>;
  /** Per site, for manifest.json. */
  readonly sites: Record<string, { directory: string; edgeFleet: string; wave: string; files: number; sha256sums: string; archiveSha256?: string }>;
  /** Every Kubernetes object of every bundle (objects are shared between sites of one variant). */
  readonly objects: EdgeObject[];
  /** Warnings (e.g. an override that matches no site). */
  readonly warnings: FleetWarning[];
}

interface Variant {
  readonly key: string;
  readonly yaml: string;
  readonly objects: Array<Record<string, any>>;
}

/** The site's workloads, one YAML stream (sorted by workload name). */
export const WORKLOADS_FILE = 'manifests/workloads.yaml';
/** The site's add-ons: restricted namespaces, the GPU RuntimeClass, HelmCharts. */
export const ADDONS_FILE = 'manifests/addons.yaml';

/**
 * Renders one bundle per site of `fleet`: each distinct workload variant (values after
 * overrides, architecture, connectivity) is rendered once and stamped out per site,
 * so time grows linearly with the number of sites. `reuse: false` renders every
 * site from scratch (the slow path tests compare against).
 */
export function renderEdgeFleet(fleet: EdgeFleet, fleetLabels: Record<string, string>, reuse: boolean = true,
  sink?: (file: string, content: string | Buffer) => void): EdgeRender {
  const sites = fleet.sites;
  const workloads = fleet.node.children.filter((c): c is EdgeWorkload => c instanceof EdgeWorkload)
    .sort((a, b) => (a.namespace === b.namespace ? compare(a.workloadName, b.workloadName) : compare(a.namespace, b.namespace)));
  const warnings = checkSelectors(fleet, workloads);
  const overrides = fleet.overrides;
  const fleetCharts = fleet.charts;
  const waves = rolloutWaves(sites, fleet.rollout);
  const waveOf = new Map<EdgeSite, string>();
  for (const wave of waves) wave.sites.forEach(s => waveOf.set(s, wave.name));
  const rancher = fleet.delivery?.engine === GitOpsEngine.RANCHER_FLEET;
  const variants = new Map<string, Variant>();
  const shared = new Map<string, string>();
  const once = (key: string, make: () => string): string => {
    if (!reuse) return make();
    let value = shared.get(key);
    if (value === undefined) { value = make(); shared.set(key, value); }
    return value;
  };
  // sha256 of shared contents, by their cache key (not by content: V8 hashes strings
  // longer than 16K by length only, so content-keyed maps of site files degrade to O(n²)).
  const hashes = new Map<string, string>();
  const files = new Map<string, string | Buffer>();
  // Bundles go straight to the sink (the staging directory) when there is one, so memory
  // holds one site at a time instead of all of them.
  const emit = sink ?? ((file: string, content: string | Buffer) => { files.set(file, content); });
  const objects: EdgeObject[] = [];
  const namespaceObjects = new Map<string, Array<Record<string, any>>>();
  const siteEntries: EdgeRender['sites'] = {};

  for (const site of sites) {
    const dir = `edge/${site.siteName}`;
    const bundle = new Map<string, string>();
    const sharedKeys = new Map<string, string>();
    const placed = workloads.filter(w => site.matches(w.props.siteSelector));
    const images = new Set<string>();
    const summary: Record<string, any> = {};
    const parts: Variant[] = [];
    const workloadsPath = `${dir}/${WORKLOADS_FILE}`;
    for (const w of placed) {
      checkFits(w, site);
      const values = effectiveValues(overrides, site, w);
      const key = JSON.stringify([w.node.path, values, site.arch, site.connectivity]);
      let variant = reuse ? variants.get(key) : undefined;
      if (!variant) {
        const objs = edgeWorkloadObjects(w, site, values, fleetLabels);
        variant = { key, yaml: renderObjectsYaml(objs), objects: objs };
        if (reuse) variants.set(key, variant);
      }
      parts.push(variant);
      for (const object of variant.objects) objects.push({ file: workloadsPath, constructPath: w.node.path, object });
      images.add(values.image);
      summary[w.workloadName] = { namespace: w.namespace, ...values };
    }
    if (parts.length > 0) {
      // One rendering per combination of variants; only the site name is stamped in per site.
      const key = `workloads:${parts.map(p => p.key).join('|')}`;
      const yaml = once(key, () => parts.map(p => p.yaml).join('---\n'));
      if (yaml.includes(SITE_NAME_PLACEHOLDER)) {
        bundle.set(WORKLOADS_FILE, yaml.replaceAll(SITE_NAME_PLACEHOLDER, site.siteName));
      } else {
        bundle.set(WORKLOADS_FILE, yaml);
        sharedKeys.set(WORKLOADS_FILE, key);
      }
    }
    const namespaces = [...new Set(placed.map(w => w.namespace))].sort();
    const charts = [...(site.gpu ? [DEVICE_PLUGIN_CHART] : []), ...fleetCharts.filter(c => site.matches(c.props.siteSelector))];
    const gpuPods = placed.some(w => w.props.gpus);
    if (namespaces.length > 0 || charts.length > 0 || gpuPods) {
      const key = `addons:${namespaces.join(',')}:${charts.map(c => c.name).join(',')}:${gpuPods}`;
      sharedKeys.set(ADDONS_FILE, key);
      let nsObjects = reuse ? namespaceObjects.get(key) : undefined;
      if (!nsObjects) {
        nsObjects = namespaces.map(n => restrictedNamespace(n, fleetLabels, fleet.k3s.channel));
        if (reuse) namespaceObjects.set(key, nsObjects);
      }
      // The policy sees each site's namespaces (Pod Security enforcement is checked per directory).
      for (const object of nsObjects) objects.push({ file: `${dir}/${ADDONS_FILE}`, constructPath: fleet.node.path, object });
      const siteNamespaces = nsObjects;
      bundle.set(ADDONS_FILE, once(key, () => renderObjectsYaml([
        ...siteNamespaces,
        ...(gpuPods ? [nvidiaRuntimeClass(fleetLabels)] : []),
        ...charts.map(c => helmChartObject(c, fleetLabels)),
      ])));
      charts.forEach(c => (c.props.images ?? []).forEach(i => images.add(i)));
    }
    const nodeLabels = siteNodeLabels(site, waveOf.get(site)!);
    bundle.set('k3s/config.yaml', serverConfig(site, fleet.k3s, nodeLabels));
    if (site.nodes > site.servers) bundle.set('k3s/agent-config.yaml', agentConfig(site, fleet.k3s, nodeLabels));
    const imageList = [...images].sort();
    const registries = registriesConfig(site, fleet.k3s, imageList);
    if (registries) bundle.set('k3s/registries.yaml', registries);
    bundle.set('images.txt', imageList.map(i => `${i}\n`).join(''));
    const manifests = [...bundle.keys()].filter(f => f.startsWith('manifests/')).sort();
    sharedKeys.set('kustomization.yaml', `kustomization:${manifests.join(',')}`);
    bundle.set('kustomization.yaml', once(sharedKeys.get('kustomization.yaml')!, () => kustomization(manifests)));
    if (rancher) bundle.set('fleet.yaml', rancherFleetYaml(site));
    bundle.set('site.json', siteJson(fleet, site, waveOf.get(site)!, summary, charts));
    const sums = sha256sums(bundle, reuse ? sharedKeys : new Map(), hashes);
    bundle.set('SHA256SUMS', sums);
    for (const [name, content] of bundle) emit(`${dir}/${name}`, content);
    let archive: string | undefined;
    if (fleet.archives) {
      const tgz = tarGz(site.siteName, bundle);
      emit(`edge-archives/${site.siteName}.tar.gz`, tgz);
      archive = sha256(tgz);
    }
    siteEntries[site.siteName] = {
      directory: dir,
      edgeFleet: fleet.node.id,
      wave: waveOf.get(site)!,
      files: bundle.size,
      sha256sums: sha256(sums),
      ...(archive ? { archiveSha256: archive } : {}),
    };
  }
  if (fleet.delivery) for (const [file, content] of renderDelivery(fleet, fleet.delivery, waves)) files.set(file, content);
  return { files, sites: siteEntries, objects, warnings };
}

function checkFits(w: EdgeWorkload, site: EdgeSite): void {
  if (!w.platforms.includes(site.arch)) {
    throw new FleetValidationError(`edgeWorkload '${w.node.path}': image '${w.props.image}' is built for ${w.platforms.join(', ')} only, `
      + `but site '${site.siteName}' is ${site.arch}; add '${site.arch}' to platforms once the image has it, or narrow siteSelector`, w.node.path, ErrorCode.PLACEMENT);
  }
  if (w.props.gpus && !site.gpu) {
    throw new FleetValidationError(`edgeWorkload '${w.node.path}': needs ${w.props.gpus} GPU(s) but site '${site.siteName}' has no GPU; `
      + 'narrow siteSelector to GPU sites (give them a label such as gpu=true) or add gpu to the site', w.node.path, ErrorCode.PLACEMENT);
  }
  if (w.props.gpus && w.props.gpus > (site.gpu?.count ?? 0)) {
    throw new FleetValidationError(`edgeWorkload '${w.node.path}': needs ${w.props.gpus} GPU(s) per replica but site '${site.siteName}' nodes have ${site.gpu?.count}`, w.node.path, ErrorCode.PLACEMENT);
  }
}

function checkSelectors(fleet: EdgeFleet, workloads: EdgeWorkload[]): Array<{ path: string; message: string }> {
  const warnings: FleetWarning[] = [];
  const sites = fleet.sites;
  fleet.overrides.forEach((o, i) => {
    if (o.workload !== undefined && !workloads.some(w => w.workloadName === o.workload)) {
      throw new FleetValidationError(`edgeFleet '${fleet.node.path}': overrides[${i}] names workload '${o.workload}', which this edge fleet does not have; `
        + `workloads: ${workloads.map(w => w.workloadName).join(', ') || 'none'}`, fleet.node.path, ErrorCode.REFERENCE);
    }
    if (!sites.some(s => s.matches(o.siteSelector))) {
      warnings.push({ id: WarningId.EDGE_OVERRIDE_MATCHES_NO_SITE, path: fleet.node.path, message: `overrides[${i}] selects ${JSON.stringify(o.siteSelector)}, which no site has; it changes nothing` });
    }
  });
  const canary = fleet.rollout.canarySelector;
  if (canary !== undefined && !sites.some(s => s.matches(canary))) {
    warnings.push({ id: WarningId.EDGE_CANARY_MATCHES_NO_SITE, path: fleet.node.path, message: `rollout.canarySelector ${JSON.stringify(canary)} matches no site; there is no canary wave, so the first wave goes out unguarded` });
  }
  for (const w of workloads) {
    if (!sites.some(s => s.matches(w.props.siteSelector))) {
      warnings.push({ id: WarningId.EDGE_WORKLOAD_MATCHES_NO_SITE, path: w.node.path, message: `siteSelector ${JSON.stringify(w.props.siteSelector ?? {})} matches no site; the workload runs nowhere` });
    }
  }
  return warnings;
}

function siteNodeLabels(site: EdgeSite, wave: string): string[] {
  const labels: Record<string, string> = {
    ...site.labels,
    'cdk-fleet.io/site': site.siteName,
    [WAVE_LABEL]: wave,
    ...(site.gpu ? { 'cdk-fleet.io/gpu': 'true', 'cdk-fleet.io/gpu-model': site.gpu.model! } : {}),
  };
  return Object.keys(labels).sort().map(k => `${k}=${labels[k]}`);
}

function kustomization(resources: string[]): string {
  return ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', ...resources.map(r => `  - ${r}`), ''].join('\n');
}

function siteJson(fleet: EdgeFleet, site: EdgeSite, wave: string, workloads: Record<string, any>, charts: EdgeChart[]): string {
  const body = {
    site: site.siteName,
    edgeFleet: fleet.node.id,
    labels: sortedObject({ ...site.labels, [WAVE_LABEL]: wave }),
    wave,
    arch: site.arch,
    nodes: site.nodes,
    servers: site.servers,
    connectivity: site.connectivity,
    k3sChannel: site.k3sChannel,
    ...(site.gpu ? { gpu: site.gpu } : {}),
    ...(site.registryMirror ? { registryMirror: site.registryMirror } : {}),
    workloads: sortedObject(workloads),
    charts: charts.map(c => ({ name: c.name, chart: c.props.chart, version: c.props.version })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedObject<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}

/** `sha256sum -c` format: `<hex>  <path>` per file, sorted by path; shared contents are hashed once. */
function sha256sums(bundle: Map<string, string>, sharedKeys: Map<string, string>, hashes: Map<string, string>): string {
  return [...bundle.keys()].sort().map(name => {
    const key = sharedKeys.get(name);
    let hash = key === undefined ? undefined : hashes.get(key);
    if (hash === undefined) {
      hash = sha256(bundle.get(name)!);
      if (key !== undefined) hashes.set(key, hash);
    }
    return `${hash}  ${name}\n`;
  }).join('');
}
