import { IConstruct } from 'constructs';
import { ClusterStack } from '../../clusters/cluster-stack';
import { tagsAt } from '../../core/tags';
import { PolicyKubernetesObject } from '../../policy/input';
import type { TeamPlacements } from '../../teams/team-placement';
import type { ManifestPlacements, PlacedManifest } from '../../workloads/manifest/place-manifests';
import type { Placements } from '../../workloads/placement';

/** The `kubernetes/<cluster>/` part of the output. */
export interface KubernetesTree {
  /** Relative path → YAML. */
  readonly files: Map<string, string>;
  /**
   * Per cluster: its directory, the workloads placed on it, the teams that may use it and the
   * Kubernetes manifests placed on it (the last two when any), for manifest.json.
   */
  readonly clusters: Record<string, { directory: string; workloads: string[]; teams?: string[]; manifests?: Record<string, ManifestEntry> }>;
  /** Every object written, as serialized, with its file (relative to the output) and construct path: the policy input. */
  readonly objects: PolicyKubernetesObject[];
}

/** A `KubernetesManifest` on one cluster in manifest.json: its construct, file and objects (`<apiVersion> <kind> <namespace>/<name>`). */
export interface ManifestEntry {
  readonly construct: string;
  readonly file: string;
  readonly objects: string[];
}

/**
 * Renders the directory of every cluster with workloads, teams or Kubernetes manifests. A
 * fleet with none renders nothing and loads no Kubernetes code.
 */
export function kubernetesTree(_root: IConstruct, byCluster: Placements, teams: TeamPlacements = new Map(),
  manifests: ManifestPlacements = new Map()): KubernetesTree {
  const files = new Map<string, string>();
  const clusters: KubernetesTree['clusters'] = {};
  const objects: PolicyKubernetesObject[] = [];
  const withContent = [...new Set<ClusterStack>([...byCluster.keys(), ...teams.keys(), ...manifests.keys()])]
    .sort((a, b) => (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
  if (withContent.length === 0) return { files, clusters, objects };
  // Loaded here so fleets without workloads or teams never load cdk8s or the YAML emitter.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderClusterManifests }: typeof import('../../workloads/render-kubernetes') = require('../../workloads/render-kubernetes');
  for (const cluster of withContent) {
    const placed = byCluster.get(cluster) ?? [];
    const teamsHere = teams.get(cluster) ?? [];
    const directory = `kubernetes/${cluster.node.id}`;
    const manifestsHere = manifests.get(cluster) ?? [];
    const rendered = renderClusterManifests(placed, tagsAt(cluster), cluster, teamsHere, manifestsHere);
    for (const [name, content] of rendered.files) files.set(`${directory}/${name}`, content);
    for (const o of rendered.objects) objects.push({ file: `${directory}/${o.file}`, constructPath: o.constructPath, object: o.object });
    clusters[cluster.node.id] = {
      directory,
      workloads: placed.map(w => `${w.namespace}/${w.workloadName}`).sort(),
      ...(teamsHere.length > 0 ? { teams: teamsHere.map(t => t.teamName) } : {}),
      ...(manifestsHere.length > 0 ? { manifests: manifestEntries(manifestsHere) } : {}),
    };
  }
  return { files, clusters, objects };
}

function manifestEntries(placed: readonly PlacedManifest[]): Record<string, ManifestEntry> {
  const entries: Record<string, ManifestEntry> = {};
  for (const p of placed) {
    const objects = p.objects.map(o => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
    entries[p.manifest.manifestName] = { construct: p.manifest.node.path, file: p.file, objects: objects.sort() };
  }
  return entries;
}
