import { resolveCapabilities } from './capabilities';
import { AddonName } from './catalog';
import { checkKedaCloudAuth } from './keda-auth-check';
import { KedaCloudTrigger, kedaCloudTriggers } from './keda-identity';
import { identityWorkloads } from './workload-identity-resources';
import { IAddon } from '../clusters/addon';
import { ClusterStack } from '../clusters/cluster-stack';
import { Dataplane } from '../clusters/networking';
import { Cloud } from '../core/cloud';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { CollectorService, collectorService, telemetryAt } from '../core/telemetry';
import type { WorkloadBase } from '../workloads/workload-base';

/** What one cluster's add-ons stack installs. */
export interface AddonPlan {
  /** Catalog add-ons in install order. */
  readonly addons: AddonName[];
  /** The cluster's own add-ons (`addAddon`, `addHelmChart`), in the order they were added. */
  readonly custom: IAddon[];
  /** The collector's service, when the OpenTelemetry collector is installed. */
  readonly collector?: CollectorService;
  /** Where the collector exports to (telemetry.exportEndpoint). */
  readonly exportEndpoint?: string;
  /** Triggers that read a service of the cluster's cloud, when KEDA is installed: its operator gets a cloud identity for them. */
  readonly kedaTriggers?: KedaCloudTrigger[];
  /** Workloads whose cloud identity on the cluster the stack holds (see workload-identity-resources.ts). */
  readonly workloadIdentities?: WorkloadBase[];
}

/**
 * Decides the add-ons of `cluster` from what the fleet puts on it: what the workloads'
 * capabilities need (see `resolveCapabilities`) plus what the cluster's pools and
 * networking call for; an explicit `true`/`false` in the cluster's `addons` wins over
 * the automatic choice.
 */
export function planAddons(cluster: ClusterStack, workloads: WorkloadBase[]): AddonPlan {
  const eks = cluster.cloud === Cloud.AWS;
  const gke = cluster.cloud === Cloud.GCP;
  const needed = resolveCapabilities(cluster, workloads);
  const telemetry = telemetryAt(cluster);
  const collector = telemetry ? collectorService(telemetry.otlpEndpoint) : undefined;
  const karpenter = cluster.addons.karpenter ?? false;
  // An imported cluster's owner may have installed anything: nothing is chosen for it automatically.
  const imported = cluster._isImported();
  const automatic: Record<AddonName, boolean> = imported ? {
    cilium: false,
    gpuOperator: false,
    metricsServer: false,
    keda: false,
    openTelemetryCollector: false,
    clusterAutoscaler: false,
    karpenter: false,
    envoyGateway: false,
  } : {
    cilium: eks && cluster.networking.dataplane === Dataplane.CILIUM,
    // GKE's own driver and device plugin serve its GPU pools (no operator beside them).
    gpuOperator: needed.has('gpuOperator') || (!gke && cluster.nodePools.some(p => p.gpu !== undefined)),
    metricsServer: needed.has('metricsServer'),
    keda: needed.has('keda'),
    openTelemetryCollector: collector !== undefined,
    clusterAutoscaler: eks && !karpenter,
    karpenter: false,
    envoyGateway: needed.has('envoyGateway'),
  };
  const chosen = (Object.keys(automatic) as AddonName[]).filter(name => cluster.addons[name] ?? automatic[name]);
  if (gke && chosen.includes('gpuOperator')) {
    // NVIDIA's GKE recipe runs the operator only on pools with GKE's driver installation disabled and a
    // ResourceQuota for system-node-critical pods in its namespace, which this stack cannot create yet.
    throw new FleetValidationError(`cluster '${cluster.node.path}': addons.gpuOperator is on, but on GKE the NVIDIA GPU Operator must not run ` +
      'beside GKE\'s own driver and device plugin (https://cloud.google.com/kubernetes-engine/docs/how-to/gpu-operator); ' +
      'leave addons.gpuOperator unset and use GpuDriver.CLOUD_MANAGED GPU pools', cluster.node.path, ErrorCode.CAPABILITY);
  }
  if (chosen.includes('openTelemetryCollector') && !collector) {
    const endpoint = telemetry ? `telemetry.otlpEndpoint '${telemetry.otlpEndpoint}' is not an in-cluster service` : 'the fleet has no telemetry';
    throw new FleetValidationError(`cluster '${cluster.node.path}': addons.openTelemetryCollector is on but ${endpoint}; ` +
      "give the fleet telemetry with an endpoint such as 'http://otel-collector.observability:4317'", cluster.node.path, ErrorCode.CAPABILITY);
  }
  if (chosen.includes('openTelemetryCollector') && !telemetry?.exportEndpoint) {
    throw new FleetValidationError(`cluster '${cluster.node.path}': the fleet installs the OpenTelemetry collector that telemetry.otlpEndpoint ` +
      `'${telemetry?.otlpEndpoint}' names, but telemetry.exportEndpoint is not set, so the collector would drop everything it receives; ` +
      "set telemetry.exportEndpoint to your backend or gateway (e.g. 'https://otlp.example.com:4317')", cluster.node.path, ErrorCode.CAPABILITY);
  }
  const cloudTriggers = kedaCloudTriggers(cluster, workloads);
  checkKedaCloudAuth(cluster, cloudTriggers, chosen.includes('keda'));
  const kedaTriggers = chosen.includes('keda') ? cloudTriggers : [];
  const workloadIdentities = identityWorkloads(cluster, workloads);
  return {
    addons: chosen,
    custom: cluster._addedAddons(),
    ...(chosen.includes('openTelemetryCollector') ? { collector, exportEndpoint: telemetry!.exportEndpoint } : {}),
    ...(kedaTriggers.length > 0 ? { kedaTriggers } : {}),
    ...(workloadIdentities.length > 0 ? { workloadIdentities } : {}),
  };
}
