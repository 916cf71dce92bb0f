import { TerraformResourceLifecycle } from 'cdktf';
import { Construct } from 'constructs';
import { GpuNodePoolOptions, INodePool, NodePoolOptions } from './cluster';
import { ClusterStack, KubeconfigExec } from './cluster-stack';
import { ImportedClusterAttributes, ImportedNodePoolAttributes } from './imported-cluster-attributes';
import { ImportedNodePool } from './imported-node-pool';
import { PoolSpec, resolveGpuPoolSpec, resolvePoolSpec } from './node-pool-spec';
import { Capability } from '../core/capability';
import { Cloud } from '../core/cloud';
import { assertUniqueChildId, invalid, show } from '../core/errors';
import { GpuDriver } from '../core/gpu/sharing';
import { dns1123LabelProblem } from '../core/names';
import { addFleetWarning, WarningId } from '../core/warnings';

const NOT_HERE = ['cilium', 'clusterAutoscaler', 'karpenter'];

/**
 * Base of clusters the fleet did not build (`EksCluster.fromClusterAttributes` and the
 * GKE and AKS equivalents): a Terraform stack that only reads the existing cluster with
 * data sources (so its add-ons stack can reach the API server) and creates nothing.
 * Workloads and add-ons can target it; node pools are described, not managed.
 */
export abstract class ImportedClusterStack extends ClusterStack {
  private readonly kind: string;

  constructor(scope: Construct, id: string, attrs: ImportedClusterAttributes, kind: string, cloud: Cloud) {
    if (attrs?.kubernetesVersion === undefined) {
      invalid(kind, { node: { path: `${scope.node.path}/${id}` } } as any, 'kubernetesVersion is required for an imported cluster (the version its control plane runs, e.g. KubernetesVersion.V1_33)');
    }
    super(scope, id, {
      clusterName: attrs.clusterName,
      kubernetesVersion: attrs.kubernetesVersion,
      labels: attrs.labels,
      provides: attrs.provides,
      addons: attrs.addons,
    }, kind, cloud);
    this.kind = kind;
    if (typeof attrs.clusterName !== 'string' || attrs.clusterName === '') {
      invalid(kind, this, `clusterName ${show(attrs.clusterName)} is required: the name of the existing cluster in the cloud`);
    }
    for (const name of NOT_HERE) {
      if ((this.addons as Record<string, unknown>)[name] === true) {
        invalid(kind, this, `addons.${name} is not available on an imported cluster: it needs the node groups and IAM of an EKS cluster the fleet builds; install it with the cluster's own tooling`);
      }
    }
    // `this.cloud` is a field of the subclass, not set yet while this constructor runs.
    for (const pool of attrs.nodePools ?? []) this.describePool(cloud, pool);
  }

  /** Imported clusters get no node pools from the fleet. */
  public addNodePool(id: string, _options?: NodePoolOptions): INodePool {
    return this.noPools(id);
  }

  /** Imported clusters get no node pools from the fleet. */
  public addGpuNodePool(id: string, _options: GpuNodePoolOptions): INodePool {
    return this.noPools(id);
  }

  /** @internal */
  public _isImported(): boolean {
    return true;
  }

  /** @internal */
  public _capabilityHint(capability: Capability): string {
    return `cluster '${this.node.path}' is imported, so the fleet installs nothing on it by itself: add an add-on that provides it ` +
      '(addHelmChart with provides), switch on the matching catalog add-on in addons, or ' + super._capabilityHint(capability);
  }

  public describe(): { [key: string]: any } {
    return {
      ...super.describe(),
      imported: true,
      nodePools: this.pools.map(p => ({
        name: p.poolName,
        machineType: p.machineType,
        minSize: p.minSize,
        maxSize: p.maxSize,
        spot: p.spot,
        ...(p.gpu ? { gpu: { accelerator: p.gpu.accelerator.name, gpusPerNode: p.gpu.gpusPerNode, sharing: p.gpu.sharing.strategy } } : {}),
        labels: { ...p.labels },
      })),
    };
  }

  /** @internal */
  public abstract _kubeconfigExec(): KubeconfigExec;

  /**
   * A data source postcondition that fails the plan when the cluster's actual version
   * (the attribute `versionAttribute`, e.g. `1.33` or `1.33.5-gke.100`) is not the
   * declared minor, so Pod Security labels and add-on images never follow a wrong version.
   * @internal
   */
  protected _versionCheck(versionAttribute: string): TerraformResourceLifecycle {
    const minor = this.kubernetesVersion.version;
    return {
      postcondition: [{
        condition: `\${self.${versionAttribute} == "${minor}" || startswith(self.${versionAttribute}, "${minor}.")}`,
        errorMessage: `${this.node.path}: cluster '${this.clusterName}' does not run Kubernetes ${minor} as declared in fromClusterAttributes ` +
          '(kubernetesVersion); update the declaration to the version it runs',
      }],
    };
  }

  /** @internal */
  protected _hasSystemPool(): boolean {
    return true; // its nodes exist outside the fleet
  }

  /** @internal */
  protected _defaultMachineType(): string {
    return '';
  }

  /** @internal */
  protected _poolNameProblem(id: string): string | undefined {
    return dns1123LabelProblem(id);
  }

  /** @internal */
  protected _buildPool(id: string, _spec: PoolSpec): INodePool {
    return this.noPools(id);
  }

  private noPools(id: string): never {
    return invalid(this.kind, this, `cannot add node pool '${id}': the cluster is imported and its node pools are managed outside the fleet; ` +
      'describe them in nodePools of fromClusterAttributes instead');
  }

  private describePool(cloud: Cloud, pool: ImportedNodePoolAttributes): void {
    const id = pool?.name;
    const path = `${this.node.path}/${id}`;
    const probe = { node: { path } } as unknown as Construct;
    const problem = typeof id === 'string' ? dns1123LabelProblem(id) : 'it is missing';
    if (problem) invalid('importedNodePool', probe, `name ${show(id)} is not a valid node pool name: ${problem}`);
    assertUniqueChildId('importedNodePool', this, id);
    if (typeof pool.machineType !== 'string' || pool.machineType.trim() === '') {
      invalid('importedNodePool', probe, `machineType ${show(pool.machineType)} is required: the machine type of the pool's nodes`);
    }
    const { machineType, minSize, maxSize, spot, labels, taints } = pool;
    const base = { machineType, minSize, maxSize, spot, labels, taints };
    const spec = pool.accelerator === undefined
      ? resolvePoolSpec('importedNodePool', probe, base, pool.machineType)
      : resolveGpuPoolSpec('importedNodePool', probe, cloud, {
        ...base, accelerator: pool.accelerator, gpusPerNode: pool.gpusPerNode, sharing: pool.gpuSharing, driver: GpuDriver.CLOUD_MANAGED,
      });
    if (pool.accelerator === undefined && (pool.gpusPerNode !== undefined || pool.gpuSharing !== undefined)) {
      invalid('importedNodePool', probe, 'gpusPerNode and gpuSharing describe a GPU pool; give its accelerator too (e.g. Accelerator.NVIDIA_L4)');
    }
    const built = new ImportedNodePool(this, id, spec);
    if (spec.warning) addFleetWarning(built, WarningId.GPU_MACHINE_NOT_IN_CATALOG, spec.warning);
    this.pools.push(built);
  }
}
