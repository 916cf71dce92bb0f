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

function expand(cloud: Cloud, table: Array<[Accelerator, Row[]]>): GpuMachine[] {
  return table.flatMap(([accelerator, rows]) =>
    rows.map(([machineType, gpus]) => ({ cloud, machineType, accelerator, gpus, arch: 'amd64' as const })));
}

const MACHINES: GpuMachine[] = [
  ...expand(Cloud.AWS, AWS),
];

/** Machines of `cloud` carrying `accelerator`, in catalog order (smallest first). */
export function gpuMachinesFor(cloud: Cloud, accelerator: Accelerator): GpuMachine[] {
  return MACHINES.filter(m => m.cloud === cloud && m.accelerator === accelerator);
}

/** The catalog row for a machine type on a cloud, if the catalog knows it. */
export function findGpuMachine(cloud: Cloud, machineType: string): GpuMachine | undefined {
  return MACHINES.find(m => m.cloud === cloud && m.machineType === machineType);
}

/** Accelerators `cloud` offers according to the catalog. */
export function acceleratorsOfferedBy(cloud: Cloud): Accelerator[] {
  return Accelerator.all().filter(a => gpuMachinesFor(cloud, a).length > 0);
}
