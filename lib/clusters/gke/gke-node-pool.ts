import type { ContainerNodePool, ContainerNodePoolNodeConfigGuestAccelerator } from '@cdktf/provider-google/lib/container-node-pool';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { google } from './gke-resources';
import { gkeAcceleratorType } from '../../core/gpu/catalog';
import { GpuDriver, GpuSharingStrategy } from '../../core/gpu/sharing';
import { upperSnakeEffect } from '../../core/taint';
import { GpuPoolSpec } from '../cluster';
import { NodePoolBase } from '../node-pool-base';
import { PoolSpec } from '../node-pool-spec';

/** What a GKE node pool needs from its cluster. */
export interface GkeNodePoolContext {
  readonly clusterId: string;
  readonly location: string;
  readonly zonesPerPool: number;
  readonly serviceAccount: string;
  readonly resourceLabels: Record<string, string>;
  /** The google-beta provider, for a GKE Sandbox pool (`sandbox_config` is beta-only in provider 6.50). */
  readonly sandboxProvider?: TerraformProvider;
}

/**
 * A GKE node pool with auto-repair and auto-upgrade, shielded nodes, the GKE
 * metadata server (Workload Identity) and a least-privilege node service account.
 *
 * Sizes: `minSize`/`maxSize` are totals over the pool's zones (`total_*_node_count`);
 * `desiredSize` is spread over the zones (rounded up) and ignored after creation.
 *
 * Replacement: changing the machine type, disk, spot, the GPU settings, or (before
 * GKE 1.33 on some versions) node labels and taints recreates the node pool.
 */
export class GkeNodePool extends NodePoolBase {
  /** The underlying `google_container_node_pool`. */
  public readonly resource: ContainerNodePool;

  constructor(scope: Construct, id: string, spec: PoolSpec, context: GkeNodePoolContext) {
    super(scope, id, spec);
    this.resource = new google.ContainerNodePool(this, 'node-pool', {
      name: id,
      cluster: context.clusterId,
      location: context.location,
      initialNodeCount: Math.ceil(spec.desiredSize / context.zonesPerPool),
      autoscaling: { totalMinNodeCount: spec.minSize, totalMaxNodeCount: spec.maxSize, locationPolicy: 'BALANCED' },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { maxSurge: 1, maxUnavailable: 0 },
      nodeConfig: {
        machineType: spec.machineType,
        diskSizeGb: spec.diskSizeGib,
        diskType: 'pd-balanced',
        imageType: 'COS_CONTAINERD',
        spot: spec.spot,
        labels: this.labels,
        taint: spec.taints.length > 0 ? spec.taints.map(t => ({ key: t.key, value: t.value ?? '', effect: upperSnakeEffect(t.effect) })) : undefined,
        resourceLabels: context.resourceLabels,
        serviceAccount: context.serviceAccount,
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        guestAccelerator: spec.gpu ? [guestAccelerator(spec.gpu)] : undefined,
      },
      lifecycle: { ignoreChanges: ['initial_node_count'] },
      ...(context.sandboxProvider ? { provider: context.sandboxProvider } : {}),
    });
    // GKE Sandbox: gVisor runs the pods of RuntimeClass gvisor; the image must be COS with containerd (as above).
    // https://cloud.google.com/kubernetes-engine/docs/how-to/sandbox-pods
    if (context.sandboxProvider) this.resource.addOverride('node_config.sandbox_config', { sandbox_type: 'gvisor' });
  }
}

/** Lowers the cloud-neutral GPU spec to `node_config.guest_accelerator`. */
function guestAccelerator(gpu: GpuPoolSpec): ContainerNodePoolNodeConfigGuestAccelerator {
  const sharing = gpu.sharing;
  const shared = sharing.strategy === GpuSharingStrategy.TIME_SLICING || sharing.strategy === GpuSharingStrategy.MPS;
  return {
    type: gkeAcceleratorType(gpu.accelerator),
    count: gpu.gpusPerNode,
    gpuDriverInstallationConfig: { gpuDriverVersion: gpu.driver === GpuDriver.CLOUD_MANAGED ? 'LATEST' : 'INSTALLATION_DISABLED' },
    gpuPartitionSize: sharing.strategy === GpuSharingStrategy.MIG ? sharing.migProfile : undefined,
    gpuSharingConfig: shared ? {
      gpuSharingStrategy: sharing.strategy === GpuSharingStrategy.MPS ? 'MPS' : 'TIME_SHARING',
      maxSharedClientsPerGpu: sharing.replicas,
    } : undefined,
  };
}
