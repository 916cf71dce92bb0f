import { fastYaml } from '../../core/fast-yaml';
import { WAVE_LABEL, Wave } from '../bundle/rollout-waves';
import type { EdgeFleet } from '../edge-fleet';
import type { EdgeSite } from '../edge-site';
import { GitOps, GitOpsEngine } from '../gitops';

/** Label of the Argo CD cluster secrets / Rancher Fleet clusters that belong to an edge fleet. */
export const EDGE_FLEET_LABEL = 'cdk-fleet.io/edge-fleet';
/** Label with the site name. */
export const SITE_LABEL = 'cdk-fleet.io/site';

/**
 * The delivery engine's objects for an edge fleet, by output path: rollout waves in the
 * engine's own terms (Flux: one GitRepository per wave branch; Argo CD: RollingSync
 * steps; Rancher Fleet: one GitRepo per wave branch), sites selected by their labels.
 */
export function renderDelivery(fleet: EdgeFleet, gitops: GitOps, waves: Wave[]): Map<string, string> {
  switch (gitops.engine) {
    case GitOpsEngine.FLUX: return flux(fleet, gitops, waves);
    case GitOpsEngine.ARGO_CD: return argoCd(fleet, gitops, waves);
    default: return rancherFleet(fleet, gitops, waves);
  }
}

function bundlePath(gitops: GitOps, site: string): string {
  return gitops.path ? `${gitops.path}/edge/${site}` : `edge/${site}`;
}

function flux(fleet: EdgeFleet, gitops: GitOps, waves: Wave[]): Map<string, string> {
  const files = new Map<string, string>();
  const prefix = gitops.options.branchPrefix ?? 'rollout/';
  const interval = gitops.options.interval ?? '10m';
  for (const wave of waves) {
    const source = `${fleet.node.id}-${wave.name}`;
    const documents = [fastYaml({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: source, namespace: 'flux-system', labels: { [EDGE_FLEET_LABEL]: fleet.node.id, [WAVE_LABEL]: wave.name } },
      spec: { interval, url: gitops.repoUrl, ref: { branch: `${prefix}${wave.name}` } },
    })];
    for (const site of wave.sites) {
      documents.push(fastYaml({
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: `site-${site.siteName}`, namespace: 'flux-system', labels: { [SITE_LABEL]: site.siteName, [WAVE_LABEL]: wave.name } },
        spec: {
          interval,
          path: `./${bundlePath(gitops, site.siteName)}`,
          prune: true,
          sourceRef: { kind: 'GitRepository', name: source },
          postBuild: { substitute: substitutions(site, wave.name) },
        },
      }));
    }
    files.set(`gitops/flux/${fleet.node.id}/${wave.name}.yaml`, documents.join('---\n'));
  }
  return files;
}

/** Variables a Flux Kustomization substitutes into the site's manifests (`${SITE_NAME}`, `${SITE_LABEL_REGION}`, ...). */
function substitutions(site: EdgeSite, wave: string): Record<string, string> {
  const vars: Record<string, string> = { SITE_NAME: site.siteName, SITE_ARCH: site.arch, SITE_WAVE: wave };
  for (const key of Object.keys(site.labels).sort()) vars[`SITE_LABEL_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = site.labels[key];
  return vars;
}

function argoCd(fleet: EdgeFleet, gitops: GitOps, waves: Wave[]): Map<string, string> {
  const id = fleet.node.id;
  const appSet = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: id, namespace: 'argocd' },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ clusters: { selector: { matchLabels: { [EDGE_FLEET_LABEL]: id } } } }],
      strategy: {
        type: 'RollingSync',
        rollingSync: { steps: waves.map(w => ({ matchExpressions: [{ key: WAVE_LABEL, operator: 'In', values: [w.name] }] })) },
      },
      template: {
        metadata: { name: `${id}-{{.name}}`, labels: { [WAVE_LABEL]: `{{index .metadata.labels "${WAVE_LABEL}"}}`, [SITE_LABEL]: '{{.name}}' } },
        spec: {
          project: gitops.options.project ?? 'default',
          source: { repoURL: gitops.repoUrl, targetRevision: gitops.options.revision ?? 'main', path: bundlePath(gitops, '{{.name}}') },
          destination: { server: '{{.server}}' },
          syncPolicy: { syncOptions: ['ServerSideApply=true'] },
        },
      },
    },
  };
  // The labels each site's Argo CD cluster secret must carry for the generator and the waves.
  const clusterLabels: Record<string, Record<string, string>> = {};
  for (const wave of waves) {
    for (const site of wave.sites) clusterLabels[site.siteName] = { [EDGE_FLEET_LABEL]: id, [SITE_LABEL]: site.siteName, [WAVE_LABEL]: wave.name };
  }
  const sorted = Object.fromEntries(Object.keys(clusterLabels).sort().map(k => [k, clusterLabels[k]]));
  return new Map([
    [`gitops/argocd/${id}/applicationset.yaml`, fastYaml(appSet)],
    [`gitops/argocd/${id}/cluster-labels.json`, `${JSON.stringify(sorted, null, 2)}\n`],
  ]);
}

function rancherFleet(fleet: EdgeFleet, gitops: GitOps, waves: Wave[]): Map<string, string> {
  const id = fleet.node.id;
  const prefix = gitops.options.branchPrefix ?? 'rollout/';
  const repos = waves.map(wave => fastYaml({
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name: `${id}-${wave.name}`, namespace: gitops.options.namespace ?? 'fleet-default' },
    spec: {
      repo: gitops.repoUrl,
      branch: `${prefix}${wave.name}`,
      paths: wave.sites.map(s => bundlePath(gitops, s.siteName)),
      targets: [{ clusterSelector: { matchLabels: { [EDGE_FLEET_LABEL]: id, [WAVE_LABEL]: wave.name } } }],
    },
  }));
  return new Map([[`gitops/rancher-fleet/${id}/gitrepos.yaml`, repos.join('---\n')]]);
}

/** `fleet.yaml` of one site bundle for Rancher Fleet: deploy the kustomization to that site's cluster only. */
export function rancherFleetYaml(site: EdgeSite): string {
  return fastYaml({
    defaultNamespace: 'default',
    kustomize: { dir: './' },
    targetCustomizations: [
      { name: site.siteName, clusterSelector: { matchLabels: { [SITE_LABEL]: site.siteName } } },
      { name: 'other-sites', clusterSelector: {}, doNotDeploy: true },
    ],
  });
}
