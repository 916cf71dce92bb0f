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

  private constructor(name: string, displayName: string, memoryGib: number, migProfiles: string[]) {
    this.name = name;
    this.displayName = displayName;
    this.memoryGib = memoryGib;
    this.migProfiles = migProfiles;
  }
}
