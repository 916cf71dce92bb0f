/**
 * The machine catalog: vCPUs and memory of the machine types cdk-fleet picks or users
 * commonly name (the clouds' defaults, general-purpose sizes and every GPU machine of
 * the GPU catalog), with the allocatable share Kubernetes leaves to pods. One versioned
 * table for every cloud; a machine type missing from it is not checked.
 */
export const MACHINE_CATALOG_VERSION = '2026.12';

/** Capacity of one machine type. */
export interface MachineCapacity {
  /** vCPUs. */
  readonly vcpus: number;
  /** Memory in GiB. */
  readonly memoryGib: number;
}

/** Allocatable resources of one node. */
export interface Allocatable {
  /** CPU cores pods can request. */
  readonly cpu: number;
  /** Memory in bytes pods can request. */
  readonly memoryBytes: number;
}

type Rows = Record<string, [vcpus: number, memoryGib: number]>;

const AWS: Rows = {
  'm7i.large': [2, 8],
  'm7i.xlarge': [4, 16],
  'm7i.2xlarge': [8, 32],
  'm7i.4xlarge': [16, 64],
  'm7i.8xlarge': [32, 128],
  'm7g.large': [2, 8],
  'm7g.xlarge': [4, 16],
  'm7g.2xlarge': [8, 32],
  'm7g.4xlarge': [16, 64],
  'c7i.large': [2, 4],
  'c7i.xlarge': [4, 8],
  'c7i.2xlarge': [8, 16],
  'r7i.large': [2, 16],
  'r7i.xlarge': [4, 32],
  'r7i.2xlarge': [8, 64],
  'g4dn.xlarge': [4, 16],
  'g4dn.2xlarge': [8, 32],
  'g4dn.4xlarge': [16, 64],
  'g4dn.8xlarge': [32, 128],
  'g4dn.16xlarge': [64, 256],
  'g4dn.12xlarge': [48, 192],
  'g4dn.metal': [96, 384],
  'g6.xlarge': [4, 16],
  'g6.2xlarge': [8, 32],
  'g6.4xlarge': [16, 64],
  'g6.8xlarge': [32, 128],
  'g6.16xlarge': [64, 256],
  'gr6.4xlarge': [16, 128],
  'gr6.8xlarge': [32, 256],
  'g6.12xlarge': [48, 192],
  'g6.24xlarge': [96, 384],
  'g6.48xlarge': [192, 768],
  'g5.xlarge': [4, 16],
  'g5.2xlarge': [8, 32],
  'g5.4xlarge': [16, 64],
  'g5.8xlarge': [32, 128],
  'g5.16xlarge': [64, 256],
  'g5.12xlarge': [48, 192],
  'g5.24xlarge': [96, 384],
  'g5.48xlarge': [192, 768],
  'p4d.24xlarge': [96, 1152],
  'p4de.24xlarge': [96, 1152],
  'p5.4xlarge': [16, 256],
  'p5.48xlarge': [192, 2048],
  'p5e.48xlarge': [192, 2048],
  'p5en.48xlarge': [192, 2048],
};

const GCP: Rows = {
  'e2-standard-2': [2, 8],
  'e2-standard-4': [4, 16],
  'e2-standard-8': [8, 32],
  'e2-standard-16': [16, 64],
  'e2-standard-32': [32, 128],
  'n2-standard-2': [2, 8],
  'n2-standard-4': [4, 16],
  'n2-standard-8': [8, 32],
  'n2-standard-16': [16, 64],
  'n1-standard-4': [4, 15],
  'n1-standard-8': [8, 30],
  'n1-standard-16': [16, 60],
  'n1-standard-32': [32, 120],
  'g2-standard-4': [4, 16],
  'g2-standard-8': [8, 32],
  'g2-standard-12': [12, 48],
  'g2-standard-16': [16, 64],
  'g2-standard-24': [24, 96],
  'g2-standard-32': [32, 128],
  'g2-standard-48': [48, 192],
  'g2-standard-96': [96, 384],
  'a2-highgpu-1g': [12, 85],
  'a2-highgpu-2g': [24, 170],
  'a2-highgpu-4g': [48, 340],
  'a2-highgpu-8g': [96, 680],
  'a2-megagpu-16g': [96, 1360],
  'a2-ultragpu-1g': [12, 170],
  'a2-ultragpu-2g': [24, 340],
  'a2-ultragpu-4g': [48, 680],
  'a2-ultragpu-8g': [96, 1360],
  'a3-highgpu-1g': [26, 234],
  'a3-highgpu-2g': [52, 468],
  'a3-highgpu-4g': [104, 936],
  'a3-highgpu-8g': [208, 1872],
  'a3-ultragpu-8g': [224, 2952],
};

const AZURE: Rows = {
  Standard_D2ds_v5: [2, 8],
  Standard_D4ds_v5: [4, 16],
  Standard_D8ds_v5: [8, 32],
  Standard_D16ds_v5: [16, 64],
  Standard_D32ds_v5: [32, 128],
  Standard_NC4as_T4_v3: [4, 28],
  Standard_NC8as_T4_v3: [8, 56],
  Standard_NC16as_T4_v3: [16, 110],
  Standard_NC64as_T4_v3: [64, 440],
  Standard_NV36ads_A10_v5: [36, 440],
  Standard_NV72ads_A10_v5: [72, 880],
  Standard_ND96asr_v4: [96, 900],
  Standard_NC24ads_A100_v4: [24, 220],
  Standard_NC48ads_A100_v4: [48, 440],
  Standard_NC96ads_A100_v4: [96, 880],
  Standard_ND96amsr_A100_v4: [96, 1900],
  Standard_NC40ads_H100_v5: [40, 320],
  Standard_NC80adis_H100_v5: [80, 640],
  Standard_ND96isr_H100_v5: [96, 1900],
  Standard_ND96isr_H200_v5: [96, 1850],
};

const TABLES: Record<string, Rows> = { aws: AWS, gcp: GCP, azure: AZURE };

/** Capacity of `machineType` on `cloud` (`aws`, `gcp`, `azure`), if the catalog knows it. */
export function machineCapacity(cloud: string, machineType: string): MachineCapacity | undefined {
  const row = TABLES[cloud]?.[machineType];
  return row ? { vcpus: row[0], memoryGib: row[1] } : undefined;
}

/**
 * What pods can request on one node: capacity minus the kubelet's and the system's
 * reservation and the eviction threshold, after the tiered reservation GKE and AKS
 * document (CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25%
 * above; memory: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of
 * the next 112, 2% above; 100 MiB eviction threshold), used for EKS as well: a request
 * above it can never be scheduled on the machine.
 * See https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes
 */
export function allocatable(capacity: MachineCapacity): Allocatable {
  const cpuTiers: Array<[number, number]> = [[1, 0.06], [1, 0.01], [2, 0.005], [Infinity, 0.0025]];
  const memTiers: Array<[number, number]> = [[4, 0.25], [4, 0.2], [8, 0.1], [112, 0.06], [Infinity, 0.02]];
  const reserve = (amount: number, tiers: Array<[number, number]>) => {
    let left = amount;
    let reserved = 0;
    for (const [size, share] of tiers) {
      const part = Math.min(left, size);
      reserved += part * share;
      left -= part;
      if (left <= 0) break;
    }
    return reserved;
  };
  const GiB = 2 ** 30;
  const memoryGib = capacity.memoryGib - reserve(capacity.memoryGib, memTiers);
  return { cpu: capacity.vcpus - reserve(capacity.vcpus, cpuTiers), memoryBytes: memoryGib * GiB - 100 * 2 ** 20 };
}
