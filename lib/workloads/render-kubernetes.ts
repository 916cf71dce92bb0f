import { stringify } from 'yaml';
import { gatewayObjects } from './gateways';
import { manifestQuotaUsages } from './manifest/manifest-quota';
import type { PlacedManifest } from './manifest/place-manifests';
import { checkFreeFile, checkUniqueObjects } from './manifest/unique-objects';
import { renderWorkload, stampLabels } from './render-pipeline';
import type { WorkloadBase } from './workload-base';
import { withWorkloadIdentity } from './workload-identity-objects';
import { ICluster } from '../clusters/cluster';
import { compareStrings } from '../core/compare';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { defaultNamespaceAt } from '../core/namespaces';
import { leastStrict } from '../policy/pod-security/admission-labels';
import { PodSecurityLevel } from '../policy/pod-security/levels';
import { namespaceObject, podSecurityVersionOf } from '../teams/namespace-object';
import { checkQuota, quotaUsage, QuotaUsage } from '../teams/quota-usage';
import type { Team } from '../teams/team';
import { teamObjects } from '../teams/team-objects';

/** One rendered object: the file (relative to the cluster directory) and construct it belongs to. */
export interface RenderedObject {
  readonly file: string;
  readonly constructPath: string;
  readonly object: Record<string, any>;
}

/** One cluster's Kubernetes directory: files (relative names → YAML) and the objects in them, as serialized. */
export interface ClusterManifests {
  readonly files: Map<string, string>;
  readonly objects: RenderedObject[];
}

/**
 * Renders the workloads placed on one cluster through one cdk8s App (a Chart per
 * workload), then writes each chart as one YAML file plus a `kustomization.yaml`
 * listing them. Every namespace written carries Pod Security Admission labels
 * (`enforce`, `warn`, `audit` at the level its workloads meet, pinned to the cluster's
 * version): the teams' in `team.<name>.yaml` with their quota, limits, default-deny
 * ingress and access, the others in `namespaces.yaml`. Placed `KubernetesManifest`s add
 * their files (and their namespaces, when nothing else writes them). Fails when a team's workloads
 * need more than its quota on the cluster. cdk8s is loaded only when there is something to write.
 */
export function renderClusterManifests(workloads: WorkloadBase[], fleetLabels: Record<string, string>, cluster: ICluster,
  teams: readonly Team[] = [], manifests: readonly PlacedManifest[] = []): ClusterManifests {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdk8s: typeof import('cdk8s') = require('cdk8s');
  const app = new cdk8s.App();
  const files = new Map<string, string>();
  const objects: RenderedObject[] = [];
  const emit = (file: string, constructPath: string, chartObjects: any[]) => {
    files.set(file, toYaml(chartObjects));
    for (const object of chartObjects) objects.push({ file, constructPath, object });
  };
  const chartOf = (id: string, chartObjects: Array<Record<string, any>>) => {
    const chart = new cdk8s.Chart(app, id, { disableResourceNameHashes: true });
    chartObjects.forEach((obj, i) => new cdk8s.ApiObject(chart, `${obj.kind}-${i}`, obj as any));
    return chart.toJson();
  };
  const levels = new Map<string, PodSecurityLevel[]>();
  for (const w of workloads) levels.set(w.namespace, [...(levels.get(w.namespace) ?? []), w.podSecurityLevel()]);
  for (const { fleetNamespace: ns } of manifests) if (ns) levels.set(ns, [...(levels.get(ns) ?? []), PodSecurityLevel.RESTRICTED]);
  const levelOf = new Map([...levels].map(([ns, l]) => [ns, leastStrict(l)]));
  const teamNamespaces = new Set(teams.flatMap(t => t.namespaces));
  const namespaces = [...levels.keys()].filter(n => !teamNamespaces.has(n)).sort(compareStrings);
  if (namespaces.length > 0) {
    const version = podSecurityVersionOf(cluster);
    emit('namespaces.yaml', cluster.node.path, chartOf('namespaces', namespaces.map(ns => namespaceObject(ns, fleetLabels, levelOf.get(ns)!, version))));
  }
  for (const team of teams) emit(`team.${team.teamName}.yaml`, team.node.path, chartOf(`team.${team.teamName}`, teamObjects(team, cluster, fleetLabels, levelOf)));
  const usage = new Map<string, QuotaUsage[]>();
  for (const w of [...workloads].sort((a, b) => compareStrings(fileName(a), fileName(b)))) {
    const labels = w.team ? { ...fleetLabels, ...w.team.labels } : fleetLabels;
    const rendered = chartOf(fileName(w), withWorkloadIdentity(w, cluster, renderWorkload(w, cluster, labels)));
    emit(`${fileName(w)}.yaml`, w.node.path, rendered);
    if (w.team) {
      const key = `${w.team.teamName}/${w.namespace}`;
      usage.set(key, [...(usage.get(key) ?? []), quotaUsage(w.node.path, rendered, w.maxPods(cluster))]);
    }
  }
  for (const m of manifests) for (const { key, usage: u } of manifestQuotaUsages(m)) usage.set(key, [...(usage.get(key) ?? []), u]);
  for (const team of teams) {
    for (const ns of team.namespaces) checkQuota(team.node.path, cluster.node.id, ns, team.quotaOn(cluster), usage.get(`${team.teamName}/${ns}`) ?? []);
  }
  const shared = stampLabels(sharedObjects(workloads, cluster), fleetLabels);
  if (shared.length > 0) emit('cluster-objects.yaml', cluster.node.path, chartOf('cluster-objects', shared));
  const gateways = gatewayObjects(workloads, cluster, fleetLabels, new Set([...levels.keys(), ...teamNamespaces]));
  if (gateways.length > 0) emit('gateways.yaml', cluster.node.path, chartOf('gateways', gateways));
  for (const m of manifests) {
    checkFreeFile(cluster.node.id, files, m.file, m.manifest.node.path);
    emit(m.file, m.manifest.node.path, m.objects);
  }
  checkUniqueObjects(cluster.node.id, objects);
  const resources = [...files.keys()].sort(compareStrings);
  files.set('kustomization.yaml', stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources }));
  return { files, objects };
}

/** Cluster-scoped objects the workloads ask for, once each; two different objects with one name are an error. */
function sharedObjects(workloads: WorkloadBase[], cluster: ICluster): Array<Record<string, any>> {
  const byKey = new Map<string, { obj: Record<string, any>; from: string }>();
  for (const w of workloads) {
    for (const obj of w.podExtras(cluster).objects ?? []) {
      const key = `${obj.apiVersion}/${obj.kind}/${obj.metadata?.name}`;
      const seen = byKey.get(key);
      if (seen && JSON.stringify(seen.obj) !== JSON.stringify(obj)) {
        throw new FleetValidationError(`workload '${w.node.path}': ${obj.kind} '${obj.metadata?.name}' on cluster '${cluster.node.id}' differs from the one '${seen.from}' needs; use one definition`, w.node.path, ErrorCode.CONFLICT);
      }
      if (!seen) byKey.set(key, { obj, from: w.node.path });
    }
  }
  return [...byKey.keys()].sort().map(k => byKey.get(k)!.obj);
}

/** `<name>` in the fleet's default namespace, else `<namespace>.<name>` (names have no dots, so these never collide). */
function fileName(w: WorkloadBase): string {
  return w.namespace === defaultNamespaceAt(w) ? w.workloadName : `${w.namespace}.${w.workloadName}`;
}

function toYaml(objects: unknown[]): string {
  return objects.map(o => stringify(o, { lineWidth: 0 })).join('---\n');
}
