import { ClusterStack } from '../clusters/cluster-stack';
import { Cloud } from '../core/cloud';
import { GpuDriver, GpuSharingStrategy } from '../core/gpu/sharing';
import { GPU_TAINT } from '../core/taint';

/** Where GKE's driver installer puts the NVIDIA driver and libraries. */
const GKE_DRIVER_DIR = '/home/kubernetes/bin/nvidia';

/**
 * Values of the NVIDIA GPU Operator chart for `cluster`'s GPU pools:
 * - the driver container only when a pool asks for `GpuDriver.GPU_OPERATOR` (the
 *   clouds' GPU images ship it otherwise);
 * - one device-plugin configuration per sharing the pools use, keyed by the
 *   `nvidia.com/device-plugin.config` label the pools carry (`time-slicing-2`, `mps-4`);
 *   on GKE, GKE's own device plugin applies `gpu_sharing_config` instead;
 * - the container toolkit where the cloud's image lacks it (operator-installed drivers, GKE);
 * - the `mixed` MIG strategy when a pool uses MIG, so pods request `nvidia.com/mig-<profile>`;
 * - DCGM exporter on; every daemon set tolerates the GPU taint (and AKS spot nodes).
 */
export function gpuOperatorValues(cluster: ClusterStack): Record<string, any> {
  const gpuPools = cluster.nodePools.filter(p => p.gpu !== undefined);
  const operatorDriver = gpuPools.some(p => p.gpu!.driver === GpuDriver.GPU_OPERATOR);
  const mig = gpuPools.some(p => p.gpu!.sharing.strategy === GpuSharingStrategy.MIG);
  const migStrategy = mig ? 'mixed' : 'none';
  const tolerations: Array<Record<string, string>> = [{ key: GPU_TAINT.key, operator: 'Exists', effect: GPU_TAINT.effect }];
  if (cluster.cloud === Cloud.AZURE && gpuPools.some(p => p.spot)) {
    tolerations.push({ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot', effect: 'NoSchedule' });
  }
  const gke = cluster.cloud === Cloud.GCP;
  const configs: Record<string, string> = { default: devicePluginConfig(migStrategy) };
  for (const pool of gpuPools) {
    const sharing = pool.gpu!.sharing;
    if (sharing.strategy === GpuSharingStrategy.TIME_SLICING || sharing.strategy === GpuSharingStrategy.MPS) {
      configs[sharing.devicePluginConfig] = devicePluginConfig(migStrategy, sharing.strategy === GpuSharingStrategy.MPS ? 'mps' : 'timeSlicing', sharing.replicas);
    }
  }
  return {
    'driver': { enabled: operatorDriver },
    // EKS's NVIDIA AMI and AKS's GPU image ship the container toolkit with the driver; GKE's COS does not.
    'toolkit': { enabled: operatorDriver || gke, ...(gke ? { installDir: GKE_DRIVER_DIR } : {}) },
    ...(gke ? { hostPaths: { driverInstallDir: GKE_DRIVER_DIR }, cdi: { enabled: true, default: true } } : {}),
    'devicePlugin': gke ? { enabled: false } : {
      enabled: true,
      config: { create: true, name: 'cdk-fleet-device-plugin-config', default: 'default', data: configs },
    },
    'mig': { strategy: mig ? 'mixed' : 'single' },
    // GKE partitions MIG GPUs itself (gpu_partition_size).
    'migManager': { enabled: mig && !gke },
    'dcgmExporter': { enabled: true },
    'daemonsets': { tolerations },
    'node-feature-discovery': { worker: { tolerations } },
  };
}

/** One device-plugin configuration (the plugin's `version: v1` config file, as YAML). */
function devicePluginConfig(migStrategy: string, sharing?: 'timeSlicing' | 'mps', replicas?: number): string {
  const lines = ['version: v1', 'flags:', `  migStrategy: ${migStrategy}`];
  if (sharing) {
    lines.push('sharing:', `  ${sharing}:`, '    resources:', '    - name: nvidia.com/gpu', `      replicas: ${replicas}`);
  }
  return lines.join('\n') + '\n';
}

