import { AddonName } from './catalog';
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
}

/**
 * Decides the add-ons of `cluster` from what the fleet puts on it; an explicit
 * `true`/`false` in the cluster's `addons` wins over the automatic choice.
 */
export function planAddons(cluster: ClusterStack, workloads: Workload[]): AddonPlan {
  const eks = cluster.cloud === Cloud.AWS;
  const telemetry = telemetryAt(cluster);
  const collector = telemetry ? collectorService(telemetry.otlpEndpoint) : undefined;
  const karpenter = cluster.addons.karpenter ?? false;
  const automatic: Record<AddonName, boolean> = {
    cilium: eks && cluster.networking.dataplane === Dataplane.CILIUM,
    gpuOperator: cluster.nodePools.some(p => p.gpu !== undefined),
    metricsServer: eks && workloads.some(w => w.props.autoscaling !== undefined),
    keda: workloads.some(w => w._podExtras(cluster).scaledObject !== undefined),
    openTelemetryCollector: collector !== undefined,
    clusterAutoscaler: eks && !karpenter,
    karpenter: false,
  };
  const chosen = (Object.keys(automatic) as AddonName[]).filter(name => cluster.addons[name] ?? automatic[name]);
  if (chosen.includes('openTelemetryCollector') && !collector) {
    const endpoint = telemetry ? `telemetry.otlpEndpoint '${telemetry.otlpEndpoint}' is not an in-cluster service` : 'the fleet has no telemetry';
    throw new FleetValidationError(`cluster '${cluster.node.path}': addons.openTelemetryCollector is on but ${endpoint}; ` +
      "give the fleet telemetry with an endpoint such as 'http://otel-collector.observability:4317'", cluster.node.path);
  }
  return { addons: chosen, ...(chosen.includes('openTelemetryCollector') ? { collector } : {}) };
}
