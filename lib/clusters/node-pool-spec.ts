import { IConstruct } from 'constructs';
import { GpuNodePoolOptions, GpuPoolSpec, NodePoolOptions } from './cluster';
import { Cloud } from '../core/cloud';
import { checkEnum, invalid, show } from '../core/errors';
import { acceleratorsOfferedBy, findGpuMachine, GPU_CATALOG_VERSION, gpuMachinesFor } from '../core/gpu/catalog';
import { GpuDriver, GpuSharing, GpuSharingStrategy } from '../core/gpu/sharing';
import { labelKeyProblem, labelValueProblem } from '../core/names';
import { GPU_TAINT, Taint, TaintEffect } from '../core/taint';

/** Label prefix cdk-fleet uses on nodes. */
export const LABEL_PREFIX = 'cdk-fleet.io';

/** Most nodes a single pool may ask for (the AKS per-pool and GKE per-zone limit). */
export const MAX_POOL_NODES = 1000;

/** A node pool's options after defaults and validation, before lowering to a cloud. */
export interface PoolSpec {
  readonly machineType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize: number;
  readonly spot: boolean;
  readonly labels: Record<string, string>;
  readonly taints: Taint[];
  readonly diskSizeGib: number;
  readonly gpu?: GpuPoolSpec;
  /** A warning to attach to the pool (unknown GPU machine type). */
  readonly warning?: string;
}

/**
 * Applies defaults and checks the cloud-neutral node pool options.
 * @param kind how errors name the construct (e.g. `nodePool`)
 */
export function resolvePoolSpec(kind: string, scope: IConstruct, options: NodePoolOptions, defaultMachineType: string): PoolSpec {
  const minSize = options.minSize ?? 1;
  const maxSize = options.maxSize ?? Math.max(3, minSize);
  const desiredSize = options.desiredSize ?? minSize;
  for (const [name, value] of Object.entries({ minSize, maxSize, desiredSize })) {
    if (!Number.isInteger(value) || value < 0) invalid(kind, scope, `${name} ${show(value)} must be a whole number ≥ 0`);
    if (value > MAX_POOL_NODES) invalid(kind, scope, `${name} ${show(value)} is above ${MAX_POOL_NODES}, the most nodes one pool can have (AKS: 1000 per pool, GKE: 1000 per zone); split the capacity over several pools`);
  }
  if (maxSize < 1) invalid(kind, scope, `maxSize ${maxSize} must be at least 1`);
  if (minSize > maxSize) invalid(kind, scope, `minSize ${minSize} is greater than maxSize ${maxSize}; use minSize ≤ maxSize`);
  if (desiredSize < minSize || desiredSize > maxSize) {
    invalid(kind, scope, `desiredSize ${desiredSize} is outside [minSize, maxSize] = [${minSize}, ${maxSize}]`);
  }
  const diskSizeGib = options.diskSizeGib ?? 100;
  if (!Number.isInteger(diskSizeGib) || diskSizeGib < 20 || diskSizeGib > 16384) {
    invalid(kind, scope, `diskSizeGib ${show(diskSizeGib)} must be a whole number of GiB between 20 and 16384`);
  }
  const labels: Record<string, string> = { ...(options.labels ?? {}) };
  if (options.wasmShim !== undefined) {
    const problem = labelValueProblem(options.wasmShim);
    if (problem || options.wasmShim === '') invalid(kind, scope, `wasmShim ${show(options.wasmShim)} is not a valid shim name (e.g. 'spin'): ${problem ?? 'it is empty'}`);
    labels[`${LABEL_PREFIX}/wasm-shim`] = options.wasmShim;
  }
  for (const [key, value] of Object.entries(labels)) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) invalid(kind, scope, `label ${show(key)}=${show(value)} is not a valid Kubernetes label: ${problem}`);
  }
  const taints = [...(options.taints ?? [])];
  for (const taint of taints) {
    const problem = labelKeyProblem(taint.key) ?? labelValueProblem(taint.value ?? '');
    if (problem) invalid(kind, scope, `taint key ${show(taint.key)} / value ${show(taint.value ?? '')} is not valid: ${problem}`);
    if (!Object.values(TaintEffect).includes(taint.effect)) {
      invalid(kind, scope, `taint ${show(taint.key)} has effect ${show(taint.effect)}; use TaintEffect.NO_SCHEDULE, PREFER_NO_SCHEDULE or NO_EXECUTE`);
    }
  }
  const machineType = options.machineType ?? defaultMachineType;
  if (machineType.trim() === '') invalid(kind, scope, 'machineType is empty; give a machine type such as ' + show(defaultMachineType));
  return { machineType, minSize, maxSize, desiredSize, spot: options.spot ?? false, labels, taints, diskSizeGib };
}

/**
 * Resolves a GPU pool against the catalog: picks or checks the machine type and
 * GPU count, validates sharing, and adds the GPU labels and taint.
 */
export function resolveGpuPoolSpec(kind: string, scope: IConstruct, cloud: Cloud, options: GpuNodePoolOptions): PoolSpec {
  const accelerator = options.accelerator;
  if (!accelerator) invalid(kind, scope, 'accelerator is required (e.g. Accelerator.NVIDIA_L4)');
  const offered = gpuMachinesFor(cloud, accelerator);
  if (options.gpusPerNode !== undefined && (!Number.isInteger(options.gpusPerNode) || options.gpusPerNode < 1)) {
    invalid(kind, scope, `gpusPerNode ${show(options.gpusPerNode)} must be a whole number ≥ 1`);
  }
  let machineType = options.machineType;
  let gpusPerNode = options.gpusPerNode;
  let warning: string | undefined;
  let inCatalog = true;
  if (machineType) {
    const known = findGpuMachine(cloud, machineType, accelerator);
    if (known && known.accelerator !== accelerator) {
      invalid(kind, scope, `machineType '${machineType}' carries ${known.accelerator.displayName}, not ${accelerator.displayName}; ` +
        `machines with ${accelerator.displayName} on ${cloud}: ${describeMachines(offered) || 'none'}`);
    }
    if (known && gpusPerNode !== undefined && gpusPerNode !== known.gpus) {
      invalid(kind, scope, `count ${gpusPerNode} is not offered by ${machineType} (${known.gpus} GPUs); use ${known.gpus} or choose another machine (${describeMachines(offered)})`);
    }
    if (!known) {
      inCatalog = false;
      gpusPerNode = gpusPerNode ?? 1;
      warning = `machine type '${machineType}' is not in the GPU catalog ${GPU_CATALOG_VERSION} for ${cloud}; ` +
        `assuming ${gpusPerNode} × ${accelerator.displayName} per node (check the count, or update the catalog)`;
    } else {
      gpusPerNode = known.gpus;
    }
  } else {
    if (offered.length === 0) {
      const names = acceleratorsOfferedBy(cloud).map(a => a.displayName).join(', ');
      invalid(kind, scope, `accelerator ${accelerator.displayName} is not offered on ${cloud}; ${cloud} offers: ${names}`);
    }
    const count = gpusPerNode ?? Math.min(...offered.map(m => m.gpus));
    const match = offered.find(m => m.gpus === count);
    if (!match) {
      const counts = [...new Set(offered.map(m => m.gpus))].join(', ');
      invalid(kind, scope, `count ${count} is not offered for ${accelerator.displayName} on ${cloud}; machines offer ${counts} GPUs (${describeMachines(offered)})`);
    }
    machineType = match.machineType;
    gpusPerNode = count;
  }
  checkEnum(kind, scope, 'driver', options.driver, GpuDriver, 'GpuDriver');
  const sharing = options.sharing ?? GpuSharing.none();
  checkSharing(kind, scope, options, sharing);
  const base = resolvePoolSpec(kind, scope, { ...options, machineType, diskSizeGib: options.diskSizeGib ?? 200 }, machineType);
  const gpu: GpuPoolSpec = {
    accelerator,
    gpusPerNode: gpusPerNode!,
    gpuMemoryGib: accelerator.memoryGib,
    sharing,
    driver: options.driver ?? GpuDriver.CLOUD_MANAGED,
    inCatalog,
  };
  const labels: Record<string, string> = {
    ...base.labels,
    [`${LABEL_PREFIX}/accelerator`]: accelerator.name,
    [`${LABEL_PREFIX}/gpu-count`]: String(gpu.gpusPerNode),
    [`${LABEL_PREFIX}/gpu-memory-gib`]: String(gpu.gpuMemoryGib),
    [`${LABEL_PREFIX}/gpu-sharing`]: sharing.strategy,
  };
  if (sharing.strategy !== GpuSharingStrategy.NONE) labels['nvidia.com/device-plugin.config'] = sharing.devicePluginConfig;
  if (sharing.strategy === GpuSharingStrategy.MIG) labels['nvidia.com/mig.config'] = `all-${sharing.migProfile}`;
  const taints = base.taints.some(t => t.key === GPU_TAINT.key) ? base.taints : [...base.taints, GPU_TAINT];
  return { ...base, labels, taints, gpu, warning };
}

function checkSharing(kind: string, scope: IConstruct, options: GpuNodePoolOptions, sharing: GpuSharing): void {
  const accelerator = options.accelerator;
  if (sharing.strategy === GpuSharingStrategy.MIG) {
    if (accelerator.migProfiles.length === 0) {
      invalid(kind, scope, `MIG profile ${show(sharing.migProfile)} asked for, but ${accelerator.displayName} has no MIG; use GpuSharing.timeSlicing(n) or an A100/H100/H200`);
    }
    if (!accelerator.migProfiles.includes(sharing.migProfile ?? '')) {
      invalid(kind, scope, `MIG profile ${show(sharing.migProfile)} is not valid for ${accelerator.displayName}; valid profiles: ${accelerator.migProfiles.join(', ')}`);
    }
  }
  if (sharing.strategy === GpuSharingStrategy.TIME_SLICING || sharing.strategy === GpuSharingStrategy.MPS) {
    if (!Number.isInteger(sharing.replicas) || sharing.replicas < 2 || sharing.replicas > 48) {
      invalid(kind, scope, `${sharing.strategy} replicas ${show(sharing.replicas)} must be a whole number from 2 to 48`);
    }
  }
}

function describeMachines(machines: Array<{ machineType: string; gpus: number }>): string {
  return machines.map(m => `${m.machineType}: ${m.gpus}`).join(', ');
}
