import type { PodExtras } from './pod-extras';
import type { PodSubject } from './pod-template';
import { WorkloadRenderContext } from './render-context';
import type { WorkloadBase } from './workload-base';
import { ICluster } from '../clusters/cluster';
import { FleetValidationError } from '../core/errors';

/**
 * The render pipeline of every workload kind on one cluster: the kind's
 * `podExtras(cluster)`, a `WorkloadRenderContext`, the kind's `renderObjects(context)`,
 * then the fleet's (and team's) labels stamped on every object returned.
 */
export function renderWorkload(w: WorkloadBase, cluster: ICluster, fleetLabels: Record<string, string>): Array<Record<string, any>> {
  return renderThrough(w, cluster, fleetLabels, w.podExtras(cluster), ctx => w.renderObjects(ctx));
}

/**
 * The same pipeline for a workload view that is not a `WorkloadBase` (an edge workload's
 * per-site variant): context, render, checks, labels.
 */
export function renderThrough(w: PodSubject, cluster: ICluster, fleetLabels: Record<string, string>, extras: PodExtras,
  render: (context: WorkloadRenderContext) => Array<Record<string, any>>): Array<Record<string, any>> {
  const objects = render(WorkloadRenderContext._of(w, cluster, fleetLabels, extras));
  checkObjects(w.node.path, objects);
  return stampLabels(objects, fleetLabels);
}

/**
 * Puts `labels` on each object's `metadata.labels`; labels the object already carries
 * win (a kind may set its own `team` or `environment`). Objects are copied, not changed.
 */
export function stampLabels(objects: Array<Record<string, any>>, labels: Record<string, string>): Array<Record<string, any>> {
  return objects.map(o => ({ ...o, metadata: { ...o.metadata, labels: { ...labels, ...(o.metadata.labels ?? {}) } } }));
}

function checkObjects(path: string, objects: unknown): asserts objects is Array<Record<string, any>> {
  if (!Array.isArray(objects)) throw new FleetValidationError(`workload '${path}': renderObjects returned ${typeof objects}, not a list of Kubernetes objects`, path);
  objects.forEach((o, i) => {
    const problem = o === null || typeof o !== 'object' || Array.isArray(o) ? 'is not an object'
      : typeof o.apiVersion !== 'string' || o.apiVersion === '' ? 'has no apiVersion'
        : typeof o.kind !== 'string' || o.kind === '' ? 'has no kind'
          : typeof o.metadata?.name !== 'string' || o.metadata.name === '' ? 'has no metadata.name'
            : o.metadata.labels !== undefined && (o.metadata.labels === null || typeof o.metadata.labels !== 'object') ? 'has metadata.labels that are not a map'
              : undefined;
    if (problem) {
      throw new FleetValidationError(`workload '${path}': object ${i} returned by renderObjects ${problem}; ` +
        'return Kubernetes objects with apiVersion, kind and metadata.name (build them with the render context)', path);
    }
  });
}
