import { IConstruct } from 'constructs';
import { KubernetesManifest } from './kubernetes-manifest';
import { addLabels, addPodSecurityLabels, builtInNeed, definedKinds, describeObject, objectKey, objectProblem, resolveKind } from './manifest-objects';
import { ClusterStack } from '../../clusters/cluster-stack';
import { CapabilityNeed, setCapabilityNeeds } from '../../core/capability-needs';
import { compareStrings } from '../../core/compare';
import { FleetValidationError } from '../../core/errors';
import { RESERVED_NAMESPACES } from '../../core/namespaces';
import { tagsAt } from '../../core/tags';
import { podSecurityVersionOf } from '../../teams/namespace-object';
import type { Team } from '../../teams/team';
import type { TeamPlacements } from '../../teams/team-placement';
import type { Placements } from '../placement';

/** One manifest's content on one cluster, labelled and checked. */
export interface PlacedManifest {
  readonly manifest: KubernetesManifest;
  /** File name in the cluster's directory. */
  readonly file: string;
  /** The objects as they are written. */
  readonly objects: Array<Record<string, any>>;
  /** The namespace the fleet writes for it (in `namespaces.yaml`): its own, when objects use it and no team or content on the cluster writes it. */
  readonly fleetNamespace?: string;
}

/** Every cluster with the manifests placed on it (clusters in id order, manifests by file). */
export type ManifestPlacements = Map<ClusterStack, PlacedManifest[]>;

/**
 * Places every `KubernetesManifest` under `root` on its clusters (`placement` plus what
 * `clusterSelector` selects, team clusters only), builds its objects per cluster, labels
 * them with the fleet's and team's labels, fills in the namespace, labels the Namespaces
 * the content creates for Pod Security, and records the capabilities its kinds need
 * (KEDA, Gateway API, NetworkPolicy enforcement, the metrics API) for the add-on planner.
 * Fails with every problem at once: objects in `default`, `kube-*` or a namespace nothing
 * writes, in another team's namespace, kinds the cluster does not serve, labels that
 * contradict the fleet's, and two objects with one name on a cluster.
 */
export function placeManifests(root: IConstruct, teams: TeamPlacements, workloads: Placements): ManifestPlacements {
  const all = root.node.findAll();
  const clusters = all.filter((c): c is ClusterStack => c instanceof ClusterStack);
  const manifests = all.filter((c): c is KubernetesManifest => c instanceof KubernetesManifest);
  const raw = new Map<ClusterStack, Array<{ manifest: KubernetesManifest; objects: Array<Record<string, any>> }>>();
  const errors: string[] = [];
  for (const m of manifests) {
    const placed = resolveClusters(m, clusters, root);
    m._setPlacement(placed);
    for (const cluster of placed) {
      if (m.team && !(teams.get(cluster) ?? []).includes(m.team)) {
        throw new FleetValidationError(`kubernetesManifest '${m.node.path}': placed on cluster '${cluster.node.id}', which its team '${m.team.teamName}' ('${m.team.node.path}') may not use; ` +
          'place it on the team\'s clusters or add the cluster to the team\'s clusters / clusterSelector', m.node.path);
      }
      raw.set(cluster, [...(raw.get(cluster) ?? []), { manifest: m, objects: objectsOf(m, cluster) }]);
    }
  }
  const result: ManifestPlacements = new Map();
  for (const cluster of clusters) {
    const here = (raw.get(cluster) ?? []).sort((a, b) => compareStrings(a.manifest.manifestName, b.manifest.manifestName));
    const needs: CapabilityNeed[] = [];
    if (here.length > 0) result.set(cluster, checkCluster(cluster, here, teams.get(cluster) ?? [], workloads, needs, errors));
    setCapabilityNeeds(cluster, needs);
  }
  if (errors.length > 0) {
    throw new FleetValidationError(`synth: ${errors.length} problem(s) with Kubernetes manifests; nothing was written:\n  ${errors.join('\n  ')}`);
  }
  return new Map([...result].sort(([a], [b]) => compareStrings(a.node.id, b.node.id)));
}

function checkCluster(cluster: ClusterStack, here: Array<{ manifest: KubernetesManifest; objects: Array<Record<string, any>> }>,
  teamsHere: readonly Team[], workloads: Placements, needs: CapabilityNeed[], errors: string[]): PlacedManifest[] {
  const fleetLabels = tagsAt(cluster);
  const version = podSecurityVersionOf(cluster);
  const defined = definedKinds(here.flatMap(h => h.objects.filter(o => !objectProblem(o))));
  const teamOf = new Map(teamsHere.flatMap(t => t.namespaces.map(ns => [ns, t] as const)));
  const workloadNamespaces = new Map((workloads.get(cluster) ?? []).map(w => [w.namespace, w.node.path]));
  const created = new Map<string, KubernetesManifest>();
  const seen = new Map<string, string>();
  const files = new Map<string, string>();
  const refs: Array<{ m: KubernetesManifest; obj: Record<string, any>; ns: string }> = [];
  for (const { manifest: m, objects } of here) {
    const where = `kubernetesManifest '${m.node.path}' on cluster '${cluster.node.id}'`;
    const file = `manifest.${m.manifestName}.yaml`;
    const sameFile = files.get(file);
    if (sameFile) errors.push(`${where}: its file ${file} is also written by '${sameFile}'; give one of them another id`);
    files.set(file, m.node.path);
    const labels = m.team ? { ...fleetLabels, ...m.team.labels } : fleetLabels;
    objects.forEach((obj, i) => {
      const problem = objectProblem(obj);
      if (problem) return errors.push(`${where}: object ${i} ${problem}`);
      const info = resolveKind(obj, defined, m.externalKinds);
      if (typeof info === 'string') return errors.push(`${where}: ${describeObject(obj)}: ${info}`);
      if (info.scope === 'Namespaced') {
        obj.metadata.namespace ??= m.namespace;
        refs.push({ m, obj, ns: obj.metadata.namespace });
      } else {
        // cdk8s gives every object of a chart with a namespace that namespace; cluster-scoped objects have none.
        delete obj.metadata.namespace;
      }
      const labelProblem = addLabels(obj, labels);
      if (labelProblem) errors.push(`${where}: ${describeObject(obj)}: ${labelProblem}; remove it (own labels may not contradict the fleet's and team's)`);
      if (obj.kind === 'Namespace' && obj.apiVersion === 'v1') {
        const psaProblem = addPodSecurityLabels(obj, version);
        if (psaProblem) errors.push(`${where}: Namespace '${obj.metadata.name}': ${psaProblem}`);
        created.set(obj.metadata.name, m);
      }
      const capability = info.capability ?? builtInNeed(obj);
      if (capability) needs.push({ who: `kubernetesManifest '${m.node.path}'`, requirement: { capability, reason: `${obj.apiVersion} ${obj.kind} '${obj.metadata.name}'` } });
      const key = objectKey(obj);
      const other = seen.get(key);
      if (other) {
        errors.push(`${where}: ${describeObject(obj)} is also in ${other === m.node.path ? 'the same content' : `'${other}'`}; ` +
          'an object may be written once per cluster, so rename one or place them on different clusters');
      }
      seen.set(key, m.node.path);
      return undefined;
    });
  }
  for (const [ns, m] of created) {
    const where = `kubernetesManifest '${m.node.path}' on cluster '${cluster.node.id}'`;
    if (RESERVED_NAMESPACES.includes(ns)) errors.push(`${where}: creates Namespace '${ns}', which Kubernetes owns; create a namespace of your own`);
    const team = teamOf.get(ns);
    if (team) errors.push(`${where}: creates Namespace '${ns}', which team '${team.teamName}' ('${team.node.path}') owns and the fleet writes; drop the Namespace object`);
    else if (workloadNamespaces.has(ns)) errors.push(`${where}: creates Namespace '${ns}', which the fleet writes for workload '${workloadNamespaces.get(ns)}'; drop the Namespace object`);
  }
  const homes = new Set(here.map(h => h.manifest.namespace));
  for (const { m, obj, ns } of refs) {
    const where = `kubernetesManifest '${m.node.path}' on cluster '${cluster.node.id}'`;
    if (RESERVED_NAMESPACES.includes(ns)) {
      errors.push(`${where}: ${describeObject(obj)} is in namespace '${ns}', which Kubernetes creates without the Pod Security labels the fleet controls; ` +
        `leave metadata.namespace out (it becomes '${m.namespace}') or use a namespace of your own`);
      continue;
    }
    const owner = teamOf.get(ns);
    if (owner && owner !== m.team) {
      errors.push(`${where}: ${describeObject(obj)} is in namespace '${ns}', which belongs to team '${owner.teamName}' ('${owner.node.path}'); ` +
        `give the manifest team: ${owner.teamName}, or use another namespace`);
    } else if (!owner && !created.has(ns) && !homes.has(ns) && !workloadNamespaces.has(ns)) {
      errors.push(`${where}: ${describeObject(obj)} is in namespace '${ns}', which nothing on the cluster creates; leave metadata.namespace out ` +
        `(it becomes '${m.namespace}'), set the manifest's namespace to '${ns}', or add a Namespace '${ns}' to the content`);
    }
  }
  const used = new Set(refs.map(r => r.ns));
  return here.map(({ manifest: m, objects }) => {
    const ns = m.namespace;
    const written = !used.has(ns) || teamOf.has(ns) || created.has(ns);
    return { manifest: m, file: `manifest.${m.manifestName}.yaml`, objects, ...(written ? {} : { fleetNamespace: ns }) };
  });
}

function resolveClusters(m: KubernetesManifest, clusters: ClusterStack[], root: IConstruct): ClusterStack[] {
  const placed: ClusterStack[] = [];
  for (const cluster of m.placement) {
    if (!(cluster instanceof ClusterStack) || !cluster.node.scopes.includes(root)) {
      throw new FleetValidationError(`kubernetesManifest '${m.node.path}': cluster '${cluster.node.path}' is not a cluster of this fleet`, m.node.path);
    }
    placed.push(cluster);
  }
  const selector = Object.entries(m.clusterSelector);
  if (selector.length === 0) return placed;
  const selected = clusters.filter(c => selector.every(([key, value]) => c.labels[key] === value));
  if (selected.length === 0) {
    const have = clusters.map(c => `${c.node.id} {${Object.entries(c.labels).sort(([a], [b]) => compareStrings(a, b)).map(([k, v]) => `${k}=${v}`).join(', ')}}`).join(', ');
    throw new FleetValidationError(`kubernetesManifest '${m.node.path}': clusterSelector {${selector.map(([k, v]) => `${k}=${v}`).join(', ')}} matches no cluster; ` +
      `clusters and their labels: ${have || 'none (the fleet has no clusters)'}`, m.node.path);
  }
  for (const cluster of selected) if (!placed.includes(cluster)) placed.push(cluster);
  return placed;
}

/** The manifest's objects for `cluster`; a chart or factory that throws is reported with the manifest and cluster. */
function objectsOf(m: KubernetesManifest, cluster: ClusterStack): Array<Record<string, any>> {
  try {
    return m._objectsFor(cluster);
  } catch (e) {
    throw new FleetValidationError(`kubernetesManifest '${m.node.path}': building its objects for cluster '${cluster.node.id}' failed: ${(e as Error)?.message ?? String(e)}`, m.node.path);
  }
}
