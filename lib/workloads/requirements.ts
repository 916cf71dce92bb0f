import type { Workload } from './workload';
import { ICluster } from '../clusters/cluster';
import { Capability, CapabilityRequirement } from '../core/capability';

/**
 * What `w`'s objects on `cluster` need from the cluster: NetworkPolicy enforcement for
 * its default-deny policy, Gateway API for a route, the metrics API for an HPA, KEDA
 * for a ScaledObject, block storage for state volumes, plus whatever its pod extras
 * declare (a sandbox runtime, a Wasm shim, the GPU device plugin).
 */
export function workloadRequirements(w: Workload, cluster: ICluster): CapabilityRequirement[] {
  const extras = w._podExtras(cluster);
  return [
    { capability: Capability.NETWORK_POLICY, reason: 'its default-deny NetworkPolicy' },
    ...(w.props.route ? [{ capability: Capability.GATEWAY_API, reason: 'route (HTTPRoute)' }] : []),
    ...(w.props.autoscaling ? [{ capability: Capability.METRICS, reason: 'autoscaling (HorizontalPodAutoscaler)' }] : []),
    ...(extras.scaledObject ? [{ capability: Capability.KEDA, reason: 'eventScaling (ScaledObject)' }] : []),
    ...(extras.stateVolume ? [{ capability: Capability.BLOCK_STORAGE, reason: 'stateGib (PersistentVolumeClaims)' }] : []),
    ...(extras.requires ?? []),
  ];
}
