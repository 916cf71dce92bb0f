import type { EffectiveValues } from './site-values';
import { ICluster } from '../../clusters/cluster';
import { PodExtras } from '../../workloads/pod-extras';
import { renderThrough } from '../../workloads/render-pipeline';
import { serviceObjects, ServiceSubject } from '../../workloads/workload-objects';
import { SiteConnectivity } from '../edge-options';
import type { EdgeSite } from '../edge-site';
import type { EdgeWorkload } from '../edge-workload';

/**
 * Stands in for the site name inside rendered objects, so one rendering serves every
 * site of a variant; the bundle writer replaces it with the site's name.
 */
export const SITE_NAME_PLACEHOLDER = 'cdk-fleet-site-name-7c1e';

/** How long pods on intermittent sites stay bound to an unreachable or not-ready node. */
export const INTERMITTENT_TOLERATION_SECONDS = 86400;

/** What a site adds to a workload's pod: architecture, offline tolerance, GPU. */
export function edgePodExtras(w: EdgeWorkload, site: EdgeSite): PodExtras {
  const tolerations: Array<Record<string, unknown>> = [];
  if (site.connectivity === SiteConnectivity.INTERMITTENT) {
    for (const key of ['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready']) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: INTERMITTENT_TOLERATION_SECONDS });
    }
  }
  const gpus = w.props.gpus;
  if (gpus) tolerations.push({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
  return {
    nodeSelector: { 'kubernetes.io/arch': site.arch, ...(gpus ? { 'cdk-fleet.io/gpu': 'true' } : {}) },
    ...(tolerations.length > 0 ? { tolerations } : {}),
    ...(gpus ? { extendedResources: { 'nvidia.com/gpu': String(gpus) }, runtimeClassName: 'nvidia' } : {}),
  };
}

/**
 * The Kubernetes objects of an edge workload on a site, through the same render pipeline
 * and service renderer as cluster services (`Workload.renderObjects`): a render context
 * with the site's extras, then the fleet's labels on every object. The site's name
 * appears only as SITE_NAME_PLACEHOLDER.
 */
export function edgeWorkloadObjects(w: EdgeWorkload, site: EdgeSite, values: EffectiveValues,
  fleetLabels: Record<string, string>): Array<Record<string, any>> {
  const flags = Object.entries(values.featureFlags).map(([k, v]) => [`FEATURE_${k.toUpperCase()}`, v]);
  const props = {
    ...w.props,
    image: values.image,
    placement: [],
    resources: values.resources,
    replicas: values.replicas,
    env: { ...(w.props.env ?? {}), ...Object.fromEntries(flags) },
  };
  const view: ServiceSubject = {
    node: w.node,
    workloadName: w.workloadName,
    namespace: w.namespace,
    image: values.image,
    port: w.props.port ?? 8080,
    replicas: values.replicas,
    commonProps: props,
    props,
  };
  const siteAsCluster = { clusterName: SITE_NAME_PLACEHOLDER } as unknown as ICluster;
  return renderThrough(view, siteAsCluster, fleetLabels, edgePodExtras(w, site), ctx => serviceObjects(view, ctx));
}
