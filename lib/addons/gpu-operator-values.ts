import { ClusterStack } from '../clusters/cluster-stack';
import { Cloud } from '../core/cloud';
import { GpuDriver, GpuSharingStrategy } from '../core/gpu/sharing';
import { GPU_TAINT } from '../core/taint';

/**
 * Values of the NVIDIA GPU Operator chart for `cluster`'s GPU pools (EKS and AKS; on GKE,
 * GKE's own driver and device plugin serve the pools and no operator is installed):
 * - the driver container only when a pool asks for `GpuDriver.GPU_OPERATOR` (the
 *   clouds' GPU images ship it otherwise);
 * - one device-plugin configuration per sharing the pools use, keyed by the
 *   `nvidia.com/device-plugin.config` label the pools carry (`time-slicing-2`, `mps-4`);
 * - the container toolkit only with operator-installed drivers (the clouds' GPU images ship it);
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
  const configs: Record<string, string> = { default: devicePluginConfig(migStrategy) };
  for (const pool of gpuPools) {
    const sharing = pool.gpu!.sharing;
    if (sharing.strategy === GpuSharingStrategy.TIME_SLICING || sharing.strategy === GpuSharingStrategy.MPS) {
      configs[sharing.devicePluginConfig] = devicePluginConfig(migStrategy, sharing.strategy === GpuSharingStrategy.MPS ? 'mps' : 'timeSlicing', sharing.replicas);
    }
  }
  return {
    'driver': { enabled: operatorDriver },
    // EKS's NVIDIA AMI and AKS's GPU image ship the container toolkit with the driver.
    'toolkit': { enabled: operatorDriver },
    'devicePlugin': {
      enabled: true,
      config: { create: true, name: 'cdk-fleet-device-plugin-config', default: 'default', data: configs },
    },
    'mig': { strategy: mig ? 'mixed' : 'single' },
    'migManager': { enabled: mig },
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

