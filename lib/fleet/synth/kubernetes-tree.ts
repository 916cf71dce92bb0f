import { IConstruct } from 'constructs';
import { tagsAt } from '../../core/tags';
import { PolicyKubernetesObject } from '../../policy/input';
import type { Placements } from '../../workloads/placement';
import { Workload } from '../../workloads/workload';

/** The `kubernetes/<cluster>/` part of the output. */
export interface KubernetesTree {
  /** Relative path → YAML. */
  readonly files: Map<string, string>;
  /** Per cluster: its directory and the workloads placed on it, for manifest.json. */
  readonly clusters: Record<string, { directory: string; workloads: string[] }>;
  /** Every object written, as serialized, with its file (relative to the output) and construct path: the policy input. */
  readonly objects: PolicyKubernetesObject[];
}

/**
 * Places every workload on its clusters and renders each cluster's directory.
 * A fleet without workloads renders nothing and loads no Kubernetes code.
 */
export function kubernetesTree(root: IConstruct, byCluster: Placements): KubernetesTree {
  const workloads = root.node.findAll().filter((c): c is Workload => c instanceof Workload);
  const files = new Map<string, string>();
  const clusters: KubernetesTree['clusters'] = {};
  const objects: PolicyKubernetesObject[] = [];
  if (workloads.length === 0) return { files, clusters, objects };
  // Loaded here so fleets without workloads never load cdk8s or the YAML emitter.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderClusterManifests }: typeof import('../../workloads/render-kubernetes') = require('../../workloads/render-kubernetes');
  for (const [cluster, placed] of byCluster) {
    const directory = `kubernetes/${cluster.node.id}`;
    const rendered = renderClusterManifests(placed, tagsAt(cluster), cluster);
    for (const [name, content] of rendered.files) files.set(`${directory}/${name}`, content);
    for (const o of rendered.objects) objects.push({ file: `${directory}/${o.file}`, constructPath: o.constructPath, object: o.object });
    clusters[cluster.node.id] = { directory, workloads: placed.map(w => `${w.namespace}/${w.workloadName}`).sort() };
  }
  return { files, clusters, objects };
}
