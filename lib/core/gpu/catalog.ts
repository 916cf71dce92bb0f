import { Accelerator } from './accelerator';
import { Cloud } from '../cloud';

/**
 * The GPU machine catalog: for each cloud, which machine types carry which
 * accelerator and how many of them. One versioned table for every cloud.
 *
 * A machine type missing from the table is accepted with a warning (new machine
 * types appear faster than releases); a GPU count a known machine does not offer
 * is an error.
 */
export const GPU_CATALOG_VERSION = '2026.11';

/** One row of the GPU catalog. */
export interface GpuMachine {
  /** The cloud that offers the machine. */
  readonly cloud: Cloud;
  /** The cloud's machine type (instance type / VM size). */
  readonly machineType: string;
  /** The accelerator the machine carries. */
  readonly accelerator: Accelerator;
  /** GPUs per machine. */
  readonly gpus: number;
  /** CPU architecture of the machine. */
  readonly arch: 'amd64' | 'arm64';
}

type Row = [machineType: string, gpus: number];

const AWS: Array<[Accelerator, Row[]]> = [
  [Accelerator.NVIDIA_T4, [['g4dn.xlarge', 1], ['g4dn.2xlarge', 1], ['g4dn.4xlarge', 1], ['g4dn.8xlarge', 1],
    ['g4dn.16xlarge', 1], ['g4dn.12xlarge', 4], ['g4dn.metal', 8]]],
  [Accelerator.NVIDIA_L4, [['g6.xlarge', 1], ['g6.2xlarge', 1], ['g6.4xlarge', 1], ['g6.8xlarge', 1],
    ['g6.16xlarge', 1], ['gr6.4xlarge', 1], ['gr6.8xlarge', 1], ['g6.12xlarge', 4], ['g6.24xlarge', 4], ['g6.48xlarge', 8]]],
  [Accelerator.NVIDIA_A10G, [['g5.xlarge', 1], ['g5.2xlarge', 1], ['g5.4xlarge', 1], ['g5.8xlarge', 1],
    ['g5.16xlarge', 1], ['g5.12xlarge', 4], ['g5.24xlarge', 4], ['g5.48xlarge', 8]]],
  [Accelerator.NVIDIA_A100_40GB, [['p4d.24xlarge', 8]]],
  [Accelerator.NVIDIA_A100_80GB, [['p4de.24xlarge', 8]]],
  [Accelerator.NVIDIA_H100, [['p5.4xlarge', 1], ['p5.48xlarge', 8]]],
  [Accelerator.NVIDIA_H200, [['p5e.48xlarge', 8], ['p5en.48xlarge', 8]]],
];

// GKE: machine type + the accelerator type in `guest_accelerator` (see GKE_ACCELERATOR_TYPES).
// T4 attaches to N1 machines; the rows name the usual N1 size for each count.
const GCP: Array<[Accelerator, Row[]]> = [
  [Accelerator.NVIDIA_T4, [['n1-standard-4', 1], ['n1-standard-8', 1], ['n1-standard-16', 2], ['n1-standard-32', 4]]],
  [Accelerator.NVIDIA_L4, [['g2-standard-4', 1], ['g2-standard-8', 1], ['g2-standard-12', 1], ['g2-standard-16', 1],
    ['g2-standard-32', 1], ['g2-standard-24', 2], ['g2-standard-48', 4], ['g2-standard-96', 8]]],
  [Accelerator.NVIDIA_A100_40GB, [['a2-highgpu-1g', 1], ['a2-highgpu-2g', 2], ['a2-highgpu-4g', 4], ['a2-highgpu-8g', 8], ['a2-megagpu-16g', 16]]],
  [Accelerator.NVIDIA_A100_80GB, [['a2-ultragpu-1g', 1], ['a2-ultragpu-2g', 2], ['a2-ultragpu-4g', 4], ['a2-ultragpu-8g', 8]]],
  [Accelerator.NVIDIA_H100, [['a3-highgpu-1g', 1], ['a3-highgpu-2g', 2], ['a3-highgpu-4g', 4], ['a3-highgpu-8g', 8]]],
  [Accelerator.NVIDIA_H200, [['a3-ultragpu-8g', 8]]],
];

// AKS: VM sizes with whole GPUs (fractional A10 sizes are left out).
const AZURE: Array<[Accelerator, Row[]]> = [
  [Accelerator.NVIDIA_T4, [['Standard_NC4as_T4_v3', 1], ['Standard_NC8as_T4_v3', 1], ['Standard_NC16as_T4_v3', 1], ['Standard_NC64as_T4_v3', 4]]],
  [Accelerator.NVIDIA_A10G, [['Standard_NV36ads_A10_v5', 1], ['Standard_NV72ads_A10_v5', 2]]],
  [Accelerator.NVIDIA_A100_40GB, [['Standard_ND96asr_v4', 8]]],
  [Accelerator.NVIDIA_A100_80GB, [['Standard_NC24ads_A100_v4', 1], ['Standard_NC48ads_A100_v4', 2], ['Standard_NC96ads_A100_v4', 4],
    ['Standard_ND96amsr_A100_v4', 8]]],
  [Accelerator.NVIDIA_H100, [['Standard_NC40ads_H100_v5', 1], ['Standard_NC80adis_H100_v5', 2], ['Standard_ND96isr_H100_v5', 8]]],
  [Accelerator.NVIDIA_H200, [['Standard_ND96isr_H200_v5', 8]]],
];

/** GKE's `guest_accelerator.type` for each accelerator GKE offers. */
export const GKE_ACCELERATOR_TYPES: Record<string, string> = {
  [Accelerator.NVIDIA_T4.name]: 'nvidia-tesla-t4',
  [Accelerator.NVIDIA_L4.name]: 'nvidia-l4',
  [Accelerator.NVIDIA_A100_40GB.name]: 'nvidia-tesla-a100',
  [Accelerator.NVIDIA_A100_80GB.name]: 'nvidia-a100-80gb',
  [Accelerator.NVIDIA_H100.name]: 'nvidia-h100-80gb',
  [Accelerator.NVIDIA_H200.name]: 'nvidia-h200-141gb',
};

function expand(cloud: Cloud, table: Array<[Accelerator, Row[]]>): GpuMachine[] {
  return table.flatMap(([accelerator, rows]) =>
    rows.map(([machineType, gpus]) => ({ cloud, machineType, accelerator, gpus, arch: 'amd64' as const })));
}

const MACHINES: GpuMachine[] = [
  ...expand(Cloud.AWS, AWS),
  ...expand(Cloud.GCP, GCP),
  ...expand(Cloud.AZURE, AZURE),
];

/** The machines an accelerator made with `Accelerator.of` lists, as catalog rows. */
function ownMachines(accelerator: Accelerator): GpuMachine[] {
  return (accelerator._machines ?? []).map(m => ({ cloud: m.cloud, machineType: m.machineType, accelerator, gpus: m.gpus, arch: 'amd64' as const }));
}

/**
 * Machines of `cloud` carrying `accelerator`, in catalog order (smallest first); for an
 * accelerator made with `Accelerator.of`, the machines it lists (fewest GPUs first).
 */
export function gpuMachinesFor(cloud: Cloud, accelerator: Accelerator): GpuMachine[] {
  const own = ownMachines(accelerator).filter(m => m.cloud === cloud);
  if (own.length > 0) return own.sort((a, b) => a.gpus - b.gpus);
  return MACHINES.filter(m => m.cloud === cloud && m.accelerator === accelerator);
}

/**
 * The catalog row for a machine type on a cloud, if the catalog knows it; with
 * `accelerator`, the machines an `Accelerator.of` accelerator lists count too.
 */
export function findGpuMachine(cloud: Cloud, machineType: string, accelerator?: Accelerator): GpuMachine | undefined {
  const own = accelerator ? ownMachines(accelerator).find(m => m.cloud === cloud && m.machineType === machineType) : undefined;
  return own ?? MACHINES.find(m => m.cloud === cloud && m.machineType === machineType);
}

/** GKE's `guest_accelerator.type` for `accelerator` (the catalog's, or the one given to `Accelerator.of`). */
export function gkeAcceleratorType(accelerator: Accelerator): string {
  return accelerator._gkeType ?? GKE_ACCELERATOR_TYPES[accelerator.name] ?? accelerator.name;
}

/** Accelerators `cloud` offers according to the catalog. */
export function acceleratorsOfferedBy(cloud: Cloud): Accelerator[] {
  return Accelerator.all().filter(a => gpuMachinesFor(cloud, a).length > 0);
}
