/** How one physical GPU is shared between pods. */
export enum GpuSharingStrategy {
  /** One pod per GPU. */
  NONE = 'none',
  /** Several pods take turns on one GPU (no memory isolation). */
  TIME_SLICING = 'time-slicing',
  /** CUDA Multi-Process Service: pods share one GPU concurrently. */
  MPS = 'mps',
  /** Multi-Instance GPU: the GPU is partitioned into isolated instances. */
  MIG = 'mig',
}

/**
 * GPU sharing for a node pool, recorded for the NVIDIA device plugin / GPU operator
 * configuration and lowered to cloud settings where a cloud has them.
 */
export class GpuSharing {
  /** No sharing: each pod gets whole GPUs. */
  public static none(): GpuSharing {
    return new GpuSharing(GpuSharingStrategy.NONE, 1);
  }

  /** Time-slicing: each GPU is advertised `replicas` times (2-48). */
  public static timeSlicing(replicas: number): GpuSharing {
    return new GpuSharing(GpuSharingStrategy.TIME_SLICING, replicas);
  }

  /** CUDA MPS: each GPU is advertised `replicas` times (2-48) and shared concurrently. */
  public static mps(replicas: number): GpuSharing {
    return new GpuSharing(GpuSharingStrategy.MPS, replicas);
  }

  /**
   * MIG: every GPU of the pool is partitioned into instances of `profile`
   * (e.g. `1g.10gb`), checked against the accelerator's MIG profiles.
   */
  public static mig(profile: string): GpuSharing {
    return new GpuSharing(GpuSharingStrategy.MIG, 1, profile);
  }

  /** The sharing strategy. */
  public readonly strategy: GpuSharingStrategy;
  /** How many pods can share one GPU (time-slicing / MPS); 1 otherwise. */
  public readonly replicas: number;
  /**
   * The MIG profile.
   * @default - none (only set for MIG)
   */
  public readonly migProfile?: string;

  private constructor(strategy: GpuSharingStrategy, replicas: number, migProfile?: string) {
    this.strategy = strategy;
    this.replicas = replicas;
    this.migProfile = migProfile;
  }

  /**
   * Name of the device-plugin configuration this sharing needs (value of the
   * `nvidia.com/device-plugin.config` node label), e.g. `time-slicing-4`.
   */
  public get devicePluginConfig(): string {
    switch (this.strategy) {
      case GpuSharingStrategy.TIME_SLICING: return `time-slicing-${this.replicas}`;
      case GpuSharingStrategy.MPS: return `mps-${this.replicas}`;
      case GpuSharingStrategy.MIG: return `mig-${this.migProfile}`;
      default: return 'default';
    }
  }
}

/** How the NVIDIA driver gets onto GPU nodes. */
export enum GpuDriver {
  /** The cloud's GPU image ships the driver (EKS NVIDIA AMI, GKE driver installation, AKS `Install`). */
  CLOUD_MANAGED = 'cloud-managed',
  /** The NVIDIA GPU Operator installs the driver; nodes boot a plain image. */
  GPU_OPERATOR = 'gpu-operator',
}
