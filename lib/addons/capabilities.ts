import { ADDON_CHARTS, AddonName } from './catalog';
import { ClusterStack } from '../clusters/cluster-stack';
import { Capability } from '../core/capability';
import { constantName } from '../core/capability-name';
import { capabilityNeedsOf } from '../core/capability-needs';
import { Cloud } from '../core/cloud';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { workloadRequirements } from '../workloads/requirements';
import type { WorkloadBase } from '../workloads/workload-base';

/** The fleet add-on that provides a capability on each cloud, where the cluster's own settings do not. */
const ADDON_PROVIDERS: Record<Cloud, Partial<Record<string, AddonName>>> = {
  [Cloud.AWS]: { 'keda': 'keda', 'metrics': 'metricsServer', 'gpu-device-plugin': 'gpuOperator', 'gateway-api': 'envoyGateway' },
  [Cloud.GCP]: { keda: 'keda' },
  [Cloud.AZURE]: { 'keda': 'keda', 'gpu-device-plugin': 'gpuOperator', 'gateway-api': 'envoyGateway' },
};

/**
 * Closes the gap between what the workloads placed on `cluster` (the Kubernetes manifests,
 * recorded with `setCapabilityNeeds`, and its own add-ons) need and what the cluster
 * provides. Each needed capability comes, in this order, from
 * `provides` (installed by the team), an add-on added to the cluster (`addAddon`,
 * `addHelmChart`) that provides it, the cluster's own settings (turned on here when needed,
 * e.g. GKE's Gateway API), or a fleet add-on (returned, to be installed). Fails with
 * every unmet need at once, naming the workload, the cluster, the capability and how
 * to provide it. Records the source of each capability on the cluster (manifest.json).
 */
export function resolveCapabilities(cluster: ClusterStack, workloads: WorkloadBase[]): Set<AddonName> {
  const needs = new Map<Capability, string[]>();
  for (const w of workloads) {
    for (const r of workloadRequirements(w, cluster)) {
      const who = needs.get(r.capability) ?? [];
      who.push(`workload '${w.node.path}' (${r.reason})`);
      needs.set(r.capability, who);
    }
  }
  for (const { who, requirement } of capabilityNeedsOf(cluster)) {
    needs.set(requirement.capability, [...(needs.get(requirement.capability) ?? []), `${who} (${requirement.reason})`]);
  }
  const custom = cluster._addedAddons();
  for (const addon of custom) {
    for (const capability of addon.requires) {
      needs.set(capability, [...(needs.get(capability) ?? []), `add-on '${addon.addonName}'`]);
    }
  }
  const addons = new Set<AddonName>();
  const sources: Record<string, string> = {};
  const errors: string[] = [];
  for (const capability of Capability.all()) {
    const who = needs.get(capability);
    if (!who) continue;
    if (cluster.provides.includes(capability)) {
      sources[capability.name] = 'provides (installed outside the fleet)';
      continue;
    }
    const own = custom.find(a => a.provides.includes(capability));
    if (own) {
      sources[capability.name] = `add-on ${own.addonName} (added to the cluster)`;
      continue;
    }
    const setting = cluster._provideCapability(capability);
    if (setting) {
      sources[capability.name] = setting;
      continue;
    }
    const addon = ADDON_PROVIDERS[cluster.cloud][capability.name];
    if (addon && (cluster._isImported() ? cluster.addons[addon] === true : cluster.addons[addon] !== false)) {
      addons.add(addon);
      sources[capability.name] = `add-on ${addon} (${ADDON_CHARTS[addon].chart} ${ADDON_CHARTS[addon].version})`;
      continue;
    }
    const how = addon && cluster._isImported()
      ? `${cluster._capabilityHint(capability)} (the fleet's add-on for it: addons.${addon}: true)`
      : addon
        ? `addons.${addon} is false; leave it unset so the fleet installs it, or ${cluster._capabilityHint(capability)}`
        : cluster._capabilityHint(capability);
    const more = who.length > 1 ? ` and ${who.length - 1} more` : '';
    errors.push(`${who[0]}${more} needs ${capability.description} (Capability.${constantName(capability)}) on cluster '${cluster.node.path}', ` +
      `which does not provide it: ${how}`);
  }
  if (errors.length > 0) {
    throw new FleetValidationError(`synth: ${errors.length} missing capabilit${errors.length === 1 ? 'y' : 'ies'}:\n  ${errors.join('\n  ')}`, cluster.node.path, ErrorCode.CAPABILITY);
  }
  cluster._setCapabilitySources(sources);
  return addons;
}
