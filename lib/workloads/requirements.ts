import { Workload } from './workload';
import type { WorkloadBase } from './workload-base';
import { ICluster } from '../clusters/cluster';
import { Capability, CapabilityRequirement } from '../core/capability';

/**
 * What `w`'s objects on `cluster` need from the cluster: NetworkPolicy enforcement for
 * its default-deny policy, Gateway API for a service's route, the metrics API for its
 * HPA, KEDA for a ScaledObject, block storage for state volumes, plus whatever its pod
 * extras declare (a sandbox runtime, a Wasm shim, the GPU device plugin).
 */
export function workloadRequirements(w: WorkloadBase, cluster: ICluster): CapabilityRequirement[] {
  const extras = w.podExtras(cluster);
  const service = w instanceof Workload ? w.props : undefined;
  return [
    { capability: Capability.NETWORK_POLICY, reason: 'its default-deny NetworkPolicy' },
    ...(service?.route ? [{ capability: Capability.GATEWAY_API, reason: 'route (HTTPRoute)' }] : []),
    ...(service?.autoscaling ? [{ capability: Capability.METRICS, reason: 'autoscaling (HorizontalPodAutoscaler)' }] : []),
    ...(extras.scaledObject ? [{ capability: Capability.KEDA, reason: 'eventScaling (ScaledObject)' }] : []),
    ...(extras.stateVolume ? [{ capability: Capability.BLOCK_STORAGE, reason: 'stateGib (PersistentVolumeClaims)' }] : []),
    ...(extras.requires ?? []),
  ];
}
