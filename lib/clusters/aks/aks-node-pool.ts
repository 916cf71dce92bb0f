import type { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { Construct } from 'constructs';
import { azurerm } from './aks-resources';
import { GpuDriver, GpuSharingStrategy } from '../../core/gpu/sharing';
import { Taint } from '../../core/taint';
import { GpuPoolSpec } from '../cluster';
import { NodePoolBase } from '../node-pool-base';
import { PoolSpec } from '../node-pool-spec';

/** What an AKS node pool needs from its cluster. */
export interface AksNodePoolContext {
  readonly clusterId: string;
  readonly subnetId?: string;
  readonly zones: string[];
}

/** The taint AKS puts on every spot node; declared so plans show no drift. */
export const AKS_SPOT_TAINT = 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule';

/** The label AKS puts on every spot node. */
export const AKS_SPOT_LABEL = 'kubernetes.azure.com/scalesetpriority';

/** `key=value:Effect`, the AKS spelling of a taint. */
export function aksTaint(t: Taint): string {
  return `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`;
}

/** AKS `gpu_instance` for a MIG profile (`1g.10gb` → `MIG1g`). */
export function aksGpuInstance(gpu: GpuPoolSpec): string | undefined {
  if (gpu.sharing.strategy !== GpuSharingStrategy.MIG) return undefined;
  return `MIG${gpu.sharing.migProfile!.split('.')[0]}`;
}

/**
 * An AKS user node pool (autoscaled).
 *
 * Replacement: changing `vm_size`, `gpu_instance`, the OS disk or zones rotates the
 * pool through a temporary pool (`temporary_name_for_rotation`) instead of
 * deleting it first; `node_count` is ignored after creation so the autoscaler owns it.
 */
export class AksNodePool extends NodePoolBase {
  /** The underlying `azurerm_kubernetes_cluster_node_pool`. */
  public readonly resource: KubernetesClusterNodePool;

  constructor(scope: Construct, id: string, spec: PoolSpec, context: AksNodePoolContext) {
    super(scope, id, spec);
    const taints = spec.taints.map(aksTaint);
    if (spec.spot && !taints.includes(AKS_SPOT_TAINT)) taints.push(AKS_SPOT_TAINT);
    this.resource = new azurerm.KubernetesClusterNodePool(this, 'node-pool', {
      name: id,
      kubernetesClusterId: context.clusterId,
      mode: 'User',
      vmSize: spec.machineType,
      autoScalingEnabled: true,
      minCount: spec.minSize,
      maxCount: spec.maxSize,
      nodeCount: spec.desiredSize,
      // AKS labels spot nodes itself; declaring the label keeps plans free of drift (and it belongs
      // to the pool's user label set, so a label update without it would remove it: Azure/AKS#3152).
      nodeLabels: spec.spot ? { ...this.labels, [AKS_SPOT_LABEL]: 'spot' } : this.labels,
      nodeTaints: taints.length > 0 ? taints : undefined,
      osDiskSizeGb: spec.diskSizeGib,
      osSku: 'AzureLinux',
      zones: context.zones,
      vnetSubnetId: context.subnetId,
      temporaryNameForRotation: `${id.slice(0, 9)}tmp`,
      upgradeSettings: { maxSurge: '33%' },
      ...(spec.spot ? { priority: 'Spot', evictionPolicy: 'Delete', spotMaxPrice: -1 } : {}),
      ...(spec.gpu ? {
        gpuDriver: spec.gpu.driver === GpuDriver.CLOUD_MANAGED ? 'Install' : 'None',
        gpuInstance: aksGpuInstance(spec.gpu),
      } : {}),
      lifecycle: { ignoreChanges: ['node_count'] },
    });
  }
}
