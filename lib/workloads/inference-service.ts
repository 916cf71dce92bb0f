import { Construct } from 'constructs';
import { PodExtras } from './pod-extras';
import { Workload, WorkloadProps } from './workload';
import { ICluster, INodePool } from '../clusters/cluster';
import { LABEL_PREFIX } from '../clusters/node-pool-spec';
import { Capability } from '../core/capability';
import { Cloud } from '../core/cloud';
import { checkNumber, invalid, show } from '../core/errors';
import { Accelerator } from '../core/gpu/accelerator';
import { GpuSharingStrategy } from '../core/gpu/sharing';

/** The GPUs each replica of an inference service needs. */
export interface GpuRequest {
  /** GPU model. */
  readonly accelerator: Accelerator;
  /**
   * Whole GPUs per replica.
   * @default 1 (ignored with `migProfile` or `shared`)
   */
  readonly count?: number;
  /**
   * One MIG instance of this profile (e.g. `1g.10gb`) instead of whole GPUs; needs a pool
   * with `GpuSharing.mig(profile)`.
   * @default - whole GPUs
   */
  readonly migProfile?: string;
  /**
   * A share of a time-sliced or MPS GPU; needs a pool with `GpuSharing.timeSlicing(n)` or `mps(n)`.
   * @default false
   */
  readonly shared?: boolean;
}

/** Properties of an inference service. */
export interface InferenceServiceProps extends WorkloadProps {
  /** GPUs per replica, matched against the GPU pools of every cluster it is placed on. */
  readonly gpu: GpuRequest;
  /**
   * Size of the model cache (an emptyDir at `/models`, `MODEL_CACHE_DIR`).
   * @default 50
   */
  readonly modelCacheGib?: number;
  /**
   * How long the model may take to load before the startup probe gives up (a `startupProbe` in the props replaces this probe).
   * @default 900
   */
  readonly startupTimeoutSeconds?: number;
}

const KIND = 'inferenceService';

/**
 * A GPU model server: a hardened workload whose pods request the right extended
 * resource (`nvidia.com/gpu`, or `nvidia.com/mig-<profile>` where the GPU Operator
 * serves MIG; GKE offers its partitions as `nvidia.com/gpu`), tolerate the GPU taint,
 * require nodes of a GPU pool with that accelerator (labels set by the clusters' GPU
 * pools), get a model cache volume and a long startup probe. Synthesis fails when no GPU
 * pool of a target cluster can ever fit the request, naming the pools it considered.
 */
export class InferenceService extends Workload {
  /** The GPUs each replica needs. */
  public readonly gpu: GpuRequest;

  constructor(scope: Construct, id: string, props: InferenceServiceProps) {
    super(scope, id, props);
    this.gpu = props.gpu;
    const gpu = props.gpu;
    if (!gpu || !gpu.accelerator) invalid(KIND, this, 'gpu.accelerator is required (e.g. Accelerator.NVIDIA_L4)');
    const count = gpu.count ?? 1;
    if (!Number.isInteger(count) || count < 1) invalid(KIND, this, `gpu.count ${show(gpu.count)} must be a whole number ≥ 1`);
    if (gpu.migProfile !== undefined && !gpu.accelerator.migProfiles.includes(gpu.migProfile)) {
      invalid(KIND, this, `gpu.migProfile ${show(gpu.migProfile)} is not a MIG profile of ${gpu.accelerator.displayName}; valid: ${gpu.accelerator.migProfiles.join(', ') || 'none (no MIG)'}`);
    }
    if (gpu.migProfile !== undefined && gpu.shared) invalid(KIND, this, 'gpu.migProfile and gpu.shared exclude each other; choose one');
    const cache = props.modelCacheGib ?? 50;
    if (!Number.isInteger(cache) || cache < 1) invalid(KIND, this, `modelCacheGib ${show(cache)} must be a whole number ≥ 1`);
    // The startup probe's failureThreshold is ceil(timeout / 10); Kubernetes needs it ≥ 1 (a day is plenty for a model load).
    checkNumber(KIND, this, 'startupTimeoutSeconds', props.startupTimeoutSeconds, { min: 10, max: 86400, unit: 'seconds' });
    this.node.addValidation({ validate: () => this.placementProblems() });
  }

  /** GPU resources, the GPU taint's toleration, GPU pool affinity, a model cache at `/models` and a long startup probe. */
  public podExtras(cluster: ICluster): PodExtras {
    const gpu = this.gpu;
    const props = this.props as InferenceServiceProps;
    const fitting = this.fittingPools(cluster);
    const match: Array<Record<string, unknown>> = [{ key: `${LABEL_PREFIX}/accelerator`, operator: 'In', values: [gpu.accelerator.name] }];
    let extendedResources: Record<string, string>;
    if (gpu.migProfile && cluster.cloud === Cloud.GCP) {
      // GKE partitions the GPUs itself (gpu_partition_size) and its device plugin offers each partition as
      // nvidia.com/gpu on nodes labelled with the partition size.
      // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus-multi
      extendedResources = { 'nvidia.com/gpu': '1' };
      match.push({ key: 'cloud.google.com/gke-gpu-partition-size', operator: 'In', values: [gpu.migProfile] });
    } else if (gpu.migProfile) {
      // The GPU Operator's mixed MIG strategy offers each profile as its own resource.
      extendedResources = { [`nvidia.com/mig-${gpu.migProfile}`]: '1' };
      match.push({ key: 'nvidia.com/mig.config', operator: 'In', values: [`all-${gpu.migProfile}`] });
    } else if (gpu.shared) {
      extendedResources = { 'nvidia.com/gpu': '1' };
      match.push({ key: `${LABEL_PREFIX}/gpu-sharing`, operator: 'In', values: [GpuSharingStrategy.TIME_SLICING, GpuSharingStrategy.MPS] });
    } else {
      const count = gpu.count ?? 1;
      extendedResources = { 'nvidia.com/gpu': String(count) };
      if (count > 1) match.push({ key: `${LABEL_PREFIX}/gpu-count`, operator: 'Gt', values: [String(count - 1)] });
    }
    const tolerations: Array<Record<string, unknown>> = [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }];
    if (fitting.some(p => p.spot) && cluster.cloud === Cloud.AZURE) {
      tolerations.push({ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot', effect: 'NoSchedule' });
    }
    const startup = props.startupTimeoutSeconds ?? 900;
    return {
      extendedResources,
      requires: [{ capability: Capability.GPU_DEVICE_PLUGIN, reason: `gpu (${Object.keys(extendedResources).join(', ')})` }],
      tolerations,
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: match }] } },
      startupProbe: { httpGet: { path: props.healthPath ?? '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: Math.ceil(startup / 10) },
      volumes: [{ name: 'model-cache', emptyDir: { sizeLimit: `${props.modelCacheGib ?? 50}Gi` } }],
      volumeMounts: [{ name: 'model-cache', mountPath: '/models' }],
      env: { MODEL_CACHE_DIR: '/models' },
    };
  }

  /** GPU pools of `cluster` that can run one replica. */
  private fittingPools(cluster: ICluster): INodePool[] {
    const gpu = this.gpu;
    return cluster.nodePools.filter(pool => {
      const spec = pool.gpu;
      if (!spec || spec.accelerator !== gpu.accelerator) return false;
      if (gpu.migProfile) return spec.sharing.strategy === GpuSharingStrategy.MIG && spec.sharing.migProfile === gpu.migProfile;
      if (gpu.shared) return spec.sharing.strategy === GpuSharingStrategy.TIME_SLICING || spec.sharing.strategy === GpuSharingStrategy.MPS;
      return spec.sharing.strategy !== GpuSharingStrategy.MIG && spec.gpusPerNode >= (gpu.count ?? 1);
    });
  }

  private placementProblems(): string[] {
    const gpu = this.gpu;
    const wanted = gpu.migProfile ? `one ${gpu.accelerator.displayName} MIG ${gpu.migProfile} instance`
      : gpu.shared ? `a shared (time-sliced or MPS) ${gpu.accelerator.displayName}`
        : `${gpu.count ?? 1} × ${gpu.accelerator.displayName}`;
    return this.placedOn.filter(cluster => this.fittingPools(cluster).length === 0).map(cluster => {
      const considered = cluster.nodePools.filter(p => p.gpu)
        .map(p => `${p.poolName} (${p.gpu!.accelerator.displayName} × ${p.gpu!.gpusPerNode}, sharing ${p.gpu!.sharing.strategy}${p.gpu!.sharing.migProfile ? ` ${p.gpu!.sharing.migProfile}` : ''})`);
      return `${KIND}: no GPU pool on cluster '${cluster.node.id}' can fit ${wanted} per replica; ` +
        `GPU pools considered: ${considered.length > 0 ? considered.join(', ') : 'none (add one with addGpuNodePool)'}`;
    });
  }
}
