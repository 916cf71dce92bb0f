import { stringify } from 'yaml';
import { Workload } from './workload';
import { ICluster } from '../clusters/cluster';
import { compareStrings } from '../core/compare';
import { FleetValidationError } from '../core/errors';

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
 * listing them, and Namespace objects (labelled to enforce Pod Security `restricted`)
 * for namespaces other than `default`. cdk8s is loaded only when a fleet has workloads.
 */
export function renderClusterManifests(workloads: Workload[], fleetLabels: Record<string, string>, cluster: ICluster): ClusterManifests {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdk8s: typeof import('cdk8s') = require('cdk8s');
  const app = new cdk8s.App();
  const files = new Map<string, string>();
  const objects: RenderedObject[] = [];
  const emit = (file: string, constructPath: string, chartObjects: any[]) => {
    files.set(file, toYaml(chartObjects));
    for (const object of chartObjects) objects.push({ file, constructPath, object });
  };
  const namespaces = [...new Set(workloads.map(w => w.namespace))].filter(n => n !== 'default').sort();
  if (namespaces.length > 0) {
    const chart = new cdk8s.Chart(app, 'namespaces', { disableResourceNameHashes: true });
    for (const ns of namespaces) {
      new cdk8s.ApiObject(chart, ns, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { ...fleetLabels, 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' } },
      });
    }
    emit('namespaces.yaml', cluster.node.path, chart.toJson());
  }
  for (const w of [...workloads].sort((a, b) => compareStrings(fileName(a), fileName(b)))) {
    const chart = new cdk8s.Chart(app, fileName(w), { disableResourceNameHashes: true });
    w._renderObjects(cluster, fleetLabels).forEach((obj, i) => new cdk8s.ApiObject(chart, `${obj.kind}-${i}`, obj as any));
    emit(`${fileName(w)}.yaml`, w.node.path, chart.toJson());
  }
  const shared = sharedObjects(workloads, cluster);
  if (shared.length > 0) {
    const chart = new cdk8s.Chart(app, 'cluster-objects', { disableResourceNameHashes: true });
    shared.forEach((obj, i) => new cdk8s.ApiObject(chart, `${obj.kind}-${i}`, obj as any));
    emit('cluster-objects.yaml', cluster.node.path, chart.toJson());
  }
  const resources = [...files.keys()].sort();
  files.set('kustomization.yaml', stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources }));
  return { files, objects };
}

/** Cluster-scoped objects the workloads ask for, once each; two different objects with one name are an error. */
function sharedObjects(workloads: Workload[], cluster: ICluster): Array<Record<string, any>> {
  const byKey = new Map<string, { obj: Record<string, any>; from: string }>();
  for (const w of workloads) {
    for (const obj of w._podExtras(cluster).objects ?? []) {
      const key = `${obj.apiVersion}/${obj.kind}/${obj.metadata?.name}`;
      const seen = byKey.get(key);
      if (seen && JSON.stringify(seen.obj) !== JSON.stringify(obj)) {
        throw new FleetValidationError(`workload '${w.node.path}': ${obj.kind} '${obj.metadata?.name}' on cluster '${cluster.node.id}' differs from the one '${seen.from}' needs; use one definition`, w.node.path);
      }
      if (!seen) byKey.set(key, { obj, from: w.node.path });
    }
  }
  return [...byKey.keys()].sort().map(k => byKey.get(k)!.obj);
}

function fileName(w: Workload): string {
  return w.namespace === 'default' ? w.workloadName : `${w.namespace}.${w.workloadName}`;
}

function toYaml(objects: unknown[]): string {
  return objects.map(o => stringify(o, { lineWidth: 0 })).join('---\n');
}
