import { resolveCapabilities } from './capabilities';
import { AddonName } from './catalog';
import { checkKedaCloudAuth } from './keda-auth-check';
import { KedaCloudTrigger, kedaCloudTriggers } from './keda-identity';
import { ClusterStack } from '../clusters/cluster-stack';
import { Dataplane } from '../clusters/networking';
import { Cloud } from '../core/cloud';
import { FleetValidationError } from '../core/errors';
import { CollectorService, collectorService, telemetryAt } from '../core/telemetry';
import { Workload } from '../workloads/workload';

/** What one cluster's add-ons stack installs. */
export interface AddonPlan {
  /** Add-ons in install order. */
  readonly addons: AddonName[];
  /** The collector's service, when the OpenTelemetry collector is installed. */
  readonly collector?: CollectorService;
  /** Where the collector exports to (telemetry.exportEndpoint). */
  readonly exportEndpoint?: string;
  /** Triggers that read a service of the cluster's cloud, when KEDA is installed: its operator gets a cloud identity for them. */
  readonly kedaTriggers?: KedaCloudTrigger[];
}

/**
 * Decides the add-ons of `cluster` from what the fleet puts on it: what the workloads'
 * capabilities need (see `resolveCapabilities`) plus what the cluster's pools and
 * networking call for; an explicit `true`/`false` in the cluster's `addons` wins over
 * the automatic choice.
 */
export function planAddons(cluster: ClusterStack, workloads: Workload[]): AddonPlan {
  const eks = cluster.cloud === Cloud.AWS;
  const gke = cluster.cloud === Cloud.GCP;
  const needed = resolveCapabilities(cluster, workloads);
  const telemetry = telemetryAt(cluster);
  const collector = telemetry ? collectorService(telemetry.otlpEndpoint) : undefined;
  const karpenter = cluster.addons.karpenter ?? false;
  const automatic: Record<AddonName, boolean> = {
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
      'leave addons.gpuOperator unset and use GpuDriver.CLOUD_MANAGED GPU pools', cluster.node.path);
  }
  if (chosen.includes('openTelemetryCollector') && !collector) {
    const endpoint = telemetry ? `telemetry.otlpEndpoint '${telemetry.otlpEndpoint}' is not an in-cluster service` : 'the fleet has no telemetry';
    throw new FleetValidationError(`cluster '${cluster.node.path}': addons.openTelemetryCollector is on but ${endpoint}; ` +
      "give the fleet telemetry with an endpoint such as 'http://otel-collector.observability:4317'", cluster.node.path);
  }
  if (chosen.includes('openTelemetryCollector') && !telemetry?.exportEndpoint) {
    throw new FleetValidationError(`cluster '${cluster.node.path}': the fleet installs the OpenTelemetry collector that telemetry.otlpEndpoint ` +
      `'${telemetry?.otlpEndpoint}' names, but telemetry.exportEndpoint is not set, so the collector would drop everything it receives; ` +
      "set telemetry.exportEndpoint to your backend or gateway (e.g. 'https://otlp.example.com:4317')", cluster.node.path);
  }
  const cloudTriggers = kedaCloudTriggers(cluster, workloads);
  checkKedaCloudAuth(cluster, cloudTriggers, chosen.includes('keda'));
  const kedaTriggers = chosen.includes('keda') ? cloudTriggers : [];
  return {
    addons: chosen,
    ...(chosen.includes('openTelemetryCollector') ? { collector, exportEndpoint: telemetry!.exportEndpoint } : {}),
    ...(kedaTriggers.length > 0 ? { kedaTriggers } : {}),
  };
}
