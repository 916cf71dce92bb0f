import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GpuNodePoolOptions, ICluster, INodePool, NodePoolOptions } from './cluster';
import { Cloud } from '../core/cloud';
import { assertUniqueChildId, invalid } from '../core/errors';
import { KubernetesVersion } from '../core/kubernetes-version';
import { addTags, tagProblem } from '../core/tags';

/** Properties every cluster accepts, whatever the cloud. */
export interface ClusterProps {
  /**
   * The cluster's name in the cloud.
   * @default - the construct id
   */
  readonly clusterName?: string;
  /**
   * Kubernetes version of the control plane, checked against the cloud's catalog.
   * @default KubernetesVersion.DEFAULT
   */
  readonly kubernetesVersion?: KubernetesVersion;
  /**
   * Tags (AWS/Azure) or labels (GCP) for every resource of this cluster, on top of
   * the fleet's tags. Keys and values use the rules every cloud accepts
   * (lowercase letters, digits, '-' and '_').
   * @default - only the fleet's tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Base of every cluster: one Terraform stack (`terraform/<id>/`) holding the
 * cluster, its network and its node pools.
 */
export abstract class ClusterStack extends TerraformStack implements ICluster {
  public abstract readonly cloud: Cloud;
  public readonly clusterName: string;
  public readonly kubernetesVersion: KubernetesVersion;
  public abstract readonly endpoint: string;
  public abstract readonly certificateAuthorityData: string;
  public abstract readonly oidcIssuerUrl: string;
  protected readonly pools: INodePool[] = [];

  constructor(scope: Construct, id: string, props: ClusterProps, kind: string, cloud: Cloud) {
    super(checkedScope(kind, scope, id), id);
    this.clusterName = props.clusterName ?? id;
    this.kubernetesVersion = props.kubernetesVersion ?? KubernetesVersion.DEFAULT;
    const version = this.kubernetesVersion;
    if (!version.isWellFormed) {
      invalid(kind, this, `kubernetesVersion '${version.version}' is not a Kubernetes minor version; use the form 1.NN (e.g. 1.34)`);
    }
    if (!version.isOfferedBy(cloud)) {
      invalid(kind, this, `kubernetesVersion '${version.version}' is not offered by ${cloud}; supported: ${KubernetesVersion.offeredBy(cloud).join(', ')}`);
    }
    for (const [key, value] of Object.entries(props.tags ?? {})) {
      const problem = tagProblem(key, value);
      if (problem) invalid(kind, this, `tag ${problem}`);
    }
    addTags(this, props.tags);
  }

  /** Node pools added so far. */
  public get nodePools(): INodePool[] {
    return [...this.pools];
  }

  public abstract addNodePool(id: string, options?: NodePoolOptions): INodePool;
  public abstract addGpuNodePool(id: string, options: GpuNodePoolOptions): INodePool;

  /** A summary of the cluster for manifest.json. */
  public describe(): { [key: string]: any } {
    return {
      cloud: this.cloud,
      name: this.clusterName,
      kubernetesVersion: this.kubernetesVersion.version,
      nodePools: this.pools.map(p => ({
        name: p.poolName,
        machineType: p.machineType,
        minSize: p.minSize,
        maxSize: p.maxSize,
        spot: p.spot,
        ...(p.gpu ? {
          gpu: {
            accelerator: p.gpu.accelerator.name,
            gpusPerNode: p.gpu.gpusPerNode,
            gpuMemoryGib: p.gpu.gpuMemoryGib,
            sharing: p.gpu.sharing.strategy,
            devicePluginConfig: p.gpu.sharing.devicePluginConfig,
            driver: p.gpu.driver,
          },
        } : {}),
      })),
    };
  }
}

function checkedScope(kind: string, scope: Construct, id: string): Construct {
  assertUniqueChildId(kind, scope, id);
  return scope;
}
