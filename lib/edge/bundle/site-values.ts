import type { WorkloadResources } from '../../workloads/workload';
import type { EdgeOverrideProps } from '../edge-options';
import type { EdgeSite } from '../edge-site';
import type { EdgeWorkload } from '../edge-workload';

/** The values a workload runs with on one site, after overrides. */
export interface EffectiveValues {
  readonly replicas: number;
  readonly image: string;
  readonly resources: WorkloadResources;
  readonly featureFlags: Record<string, string>;
}

/**
 * Resolves a workload's values on a site: its own props, then every override whose
 * selector the site matches (and that names this workload or none), in the order added.
 */
export function effectiveValues(overrides: readonly EdgeOverrideProps[], site: EdgeSite, w: EdgeWorkload): EffectiveValues {
  let replicas = w.props.replicas ?? 1;
  let registry: string | undefined;
  let resources = w.props.resources;
  const featureFlags: Record<string, string> = {};
  for (const o of overrides) {
    if ((o.workload !== undefined && o.workload !== w.workloadName) || !site.matches(o.siteSelector)) continue;
    replicas = o.replicas ?? replicas;
    registry = o.imageRegistry ?? registry;
    resources = o.resources ?? resources;
    Object.assign(featureFlags, o.featureFlags ?? {});
  }
  return { replicas, image: registry ? withRegistry(w.props.image, registry) : w.props.image, resources, featureFlags: sortedRecord(featureFlags) };
}

/** `ghcr.io/acme/pos:1.2` with registry `mirror.local` → `mirror.local/acme/pos:1.2`; `nginx:1.27` → `mirror.local/library/nginx:1.27`. */
export function withRegistry(image: string, registry: string): string {
  const { path } = splitImage(image);
  return `${registry}/${path}`;
}

/** The registry host of an image (`docker.io` when none is given) and the rest of its reference. */
export function splitImage(image: string): { registry: string; path: string } {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) return { registry: first, path: image.slice(slash + 1) };
  return { registry: 'docker.io', path: slash < 0 ? `library/${image}` : image };
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
