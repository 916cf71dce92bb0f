import { Cloud } from '../cloud';
import { FleetValidationError, show } from '../errors';

/** A machine type that carries a GPU model, for `Accelerator.of`. */
export interface AcceleratorMachine {
  /** The cloud that offers the machine. */
  readonly cloud: Cloud;
  /** The cloud's machine type (EKS instance type, GKE machine type, AKS VM size), e.g. `g7e.2xlarge`. */
  readonly machineType: string;
  /** GPUs per machine (1-16). */
  readonly gpus: number;
}

/** The facts cdk-fleet needs to lower a GPU model its catalog lacks (`Accelerator.of`). */
export interface AcceleratorProps {
  /**
   * Stable identifier: the value of the `cdk-fleet.io/accelerator` node label (a
   * Kubernetes label value in lowercase, e.g. `nvidia-rtx-pro-6000`); not the name of a
   * catalog accelerator.
   */
  readonly name: string;
  /** Human-readable model name, used in messages (e.g. `NVIDIA RTX PRO 6000`). */
  readonly displayName: string;
  /** Memory of one GPU in GiB (a whole number, 1-2048). */
  readonly memoryGib: number;
  /**
   * MIG profiles the GPU can be partitioned into, in NVIDIA's `<slices>g.<memory>gb` form (e.g. `1g.24gb`).
   * @default - no MIG
   */
  readonly migProfiles?: string[];
  /** The machine types carrying the GPU on each cloud you use it on (at least one). */
  readonly machines: AcceleratorMachine[];
  /**
   * GKE's `guest_accelerator` type for the GPU (e.g. `nvidia-rtx-pro-6000`). Required when
   * a machine is on Google Cloud.
   * @default - none (no Google Cloud machines)
   */
  readonly gkeAcceleratorType?: string;
}

const LABEL_VALUE = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;
const MIG_PROFILE = /^([1-7])g\.(\d+)gb$/;

/**
 * A GPU model in the cloud-neutral vocabulary. Each cloud lowers it to its own
 * machine types through the GPU catalog.
 */
export class Accelerator {
  /** NVIDIA T4, 16 GB (Turing). */
  public static readonly NVIDIA_T4 = new Accelerator('nvidia-t4', 'NVIDIA T4', 16, []);
  /** NVIDIA L4, 24 GB (Ada Lovelace). */
  public static readonly NVIDIA_L4 = new Accelerator('nvidia-l4', 'NVIDIA L4', 24, []);
  /** NVIDIA A10G (AWS) / A10 (Azure), 24 GB (Ampere). */
  public static readonly NVIDIA_A10G = new Accelerator('nvidia-a10g', 'NVIDIA A10G', 24, []);
  /** NVIDIA A100 40 GB (Ampere), MIG-capable. */
  public static readonly NVIDIA_A100_40GB = new Accelerator('nvidia-a100-40gb', 'NVIDIA A100 40GB', 40,
    ['1g.5gb', '2g.10gb', '3g.20gb', '4g.20gb', '7g.40gb']);
  /** NVIDIA A100 80 GB (Ampere), MIG-capable. */
  public static readonly NVIDIA_A100_80GB = new Accelerator('nvidia-a100-80gb', 'NVIDIA A100 80GB', 80,
    ['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb']);
  /** NVIDIA H100 80 GB (Hopper), MIG-capable. */
  public static readonly NVIDIA_H100 = new Accelerator('nvidia-h100-80gb', 'NVIDIA H100 80GB', 80,
    ['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb']);
  /** NVIDIA H200 141 GB (Hopper), MIG-capable. */
  public static readonly NVIDIA_H200 = new Accelerator('nvidia-h200-141gb', 'NVIDIA H200 141GB', 141,
    ['1g.18gb', '1g.35gb', '2g.35gb', '3g.71gb', '4g.71gb', '7g.141gb']);

  /**
   * A GPU model the catalog lacks, with the facts each cloud's lowering needs (machine
   * types and GPU counts, memory, MIG profiles, GKE's accelerator type), checked here.
   * Pools on its machines resolve like catalog ones; its machines' CPU and memory are
   * not in the machine catalog, so the fit check treats them as fitting.
   */
  public static of(props: AcceleratorProps): Accelerator {
    const p = props ?? ({} as AcceleratorProps);
    const where = `accelerator ${show(p.name)}`;
    const fail = (detail: string): never => { throw new FleetValidationError(`${where}: ${detail}`); };
    if (typeof p.name !== 'string' || !LABEL_VALUE.test(p.name) || p.name.length > 63) {
      fail('name must be a Kubernetes label value in lowercase (letters, digits, \'-\', \'_\', \'.\'; at most 63 characters), e.g. \'nvidia-rtx-pro-6000\'');
    }
    if (Accelerator.all().some(a => a.name === p.name)) fail(`name is a catalog accelerator's; use Accelerator.${constantOf(p.name)} or another name`);
    if (typeof p.displayName !== 'string' || p.displayName.trim() === '') fail(`displayName ${show(p.displayName)} must be a non-empty model name`);
    if (!Number.isInteger(p.memoryGib) || p.memoryGib < 1 || p.memoryGib > 2048) fail(`memoryGib ${show(p.memoryGib)} must be a whole number of GiB from 1 to 2048`);
    const profiles = p.migProfiles ?? [];
    if (!Array.isArray(profiles)) fail('migProfiles must be a list such as [\'1g.24gb\', \'2g.48gb\']');
    for (const profile of profiles) {
      const m = MIG_PROFILE.exec(typeof profile === 'string' ? profile : '');
      if (!m) fail(`MIG profile ${show(profile)} is not of the form <slices>g.<memory>gb with 1-7 slices (e.g. '1g.24gb')`);
      if (Number(m![2]) > p.memoryGib) fail(`MIG profile '${profile}' has more memory than the GPU (${p.memoryGib} GiB)`);
    }
    if (new Set(profiles).size !== profiles.length) fail(`migProfiles ${show(profiles)} lists a profile twice`);
    if (!Array.isArray(p.machines) || p.machines.length === 0) fail('machines must list at least one machine type carrying the GPU, e.g. { cloud: Cloud.AWS, machineType: \'g7e.2xlarge\', gpus: 1 }');
    const seen = new Set<string>();
    for (const machine of p.machines) {
      if (!Object.values(Cloud).includes(machine?.cloud)) fail(`machine ${show(machine?.machineType)} has cloud ${show(machine?.cloud)}; use Cloud.AWS, Cloud.GCP or Cloud.AZURE`);
      if (typeof machine.machineType !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(machine.machineType)) {
        fail(`machineType ${show(machine.machineType)} is not a machine type name (letters, digits, '.', '_' and '-')`);
      }
      if (!Number.isInteger(machine.gpus) || machine.gpus < 1 || machine.gpus > 16) fail(`machine '${machine.machineType}' gpus ${show(machine.gpus)} must be a whole number from 1 to 16`);
      const known = catalogMachine(machine.cloud, machine.machineType);
      if (known) fail(`machine '${machine.machineType}' is in the GPU catalog with ${known}; a custom accelerator lists machines the catalog lacks`);
      const key = `${machine.cloud}/${machine.machineType}`;
      if (seen.has(key)) fail(`machine '${machine.machineType}' is listed twice for ${machine.cloud}`);
      seen.add(key);
    }
    const gcp = p.machines.some(m => m.cloud === Cloud.GCP);
    if (gcp && (typeof p.gkeAcceleratorType !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.gkeAcceleratorType))) {
      fail(`gkeAcceleratorType ${show(p.gkeAcceleratorType)} is required for Google Cloud machines: GKE's guest_accelerator type, e.g. 'nvidia-l4'`);
    }
    if (!gcp && p.gkeAcceleratorType !== undefined) fail('gkeAcceleratorType is given but no machine is on Google Cloud (Cloud.GCP)');
    return new Accelerator(p.name, p.displayName, p.memoryGib, [...profiles],
      p.machines.map(m => ({ cloud: m.cloud, machineType: m.machineType, gpus: m.gpus })), p.gkeAcceleratorType);
  }

  /** Every accelerator in the vocabulary. */
  public static all(): Accelerator[] {
    return [
      Accelerator.NVIDIA_T4, Accelerator.NVIDIA_L4, Accelerator.NVIDIA_A10G,
      Accelerator.NVIDIA_A100_40GB, Accelerator.NVIDIA_A100_80GB,
      Accelerator.NVIDIA_H100, Accelerator.NVIDIA_H200,
    ];
  }

  /**
   * Stable identifier, used as the value of the `cdk-fleet.io/accelerator` node label
   * (e.g. `nvidia-l4`).
   */
  public readonly name: string;
  /** Human-readable model name. */
  public readonly displayName: string;
  /** Memory of one GPU in GiB. */
  public readonly memoryGib: number;
  /** MIG profiles the GPU can be partitioned into (empty when it has no MIG). */
  public readonly migProfiles: string[];

  /**
   * The machines of an accelerator made with `of` (empty for catalog accelerators).
   * @internal
   */
  public readonly _machines: AcceleratorMachine[];
  /**
   * GKE's accelerator type of an accelerator made with `of`.
   * @internal
   */
  public readonly _gkeType?: string;

  private constructor(name: string, displayName: string, memoryGib: number, migProfiles: string[],
    machines: AcceleratorMachine[] = [], gkeType?: string) {
    this.name = name;
    this.displayName = displayName;
    this.memoryGib = memoryGib;
    this.migProfiles = migProfiles;
    this._machines = machines;
    if (gkeType !== undefined) this._gkeType = gkeType;
  }
}

/** What the GPU catalog says `machineType` carries (loaded lazily: the catalog is built from this file's accelerators). */
function catalogMachine(cloud: Cloud, machineType: string): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findGpuMachine }: typeof import('./catalog') = require('./catalog');
  const known = findGpuMachine(cloud, machineType);
  return known ? `${known.gpus} × ${known.accelerator.displayName}` : undefined;
}

/** `NVIDIA_L4` for `nvidia-l4` (how a user names a catalog accelerator in code). */
function constantOf(name: string): string {
  const a = Accelerator.all().find(x => x.name === name);
  const entry = Object.entries(Accelerator).find(([, v]) => v === a);
  return entry ? entry[0] : name.toUpperCase().replace(/-/g, '_');
}
