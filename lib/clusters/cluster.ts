import { IConstruct } from 'constructs';
import type { IAddon } from './addon';
import type { HelmChartOptions } from './helm-chart';
import { Capability } from '../core/capability';
import { Cloud } from '../core/cloud';
import { Accelerator } from '../core/gpu/accelerator';
import { GpuDriver, GpuSharing } from '../core/gpu/sharing';
import { KubernetesVersion } from '../core/kubernetes-version';
import { Taint } from '../core/taint';

/** Options of a node pool, the same on every cloud. */
export interface NodePoolOptions {
  /**
   * Machine type (EKS instance type, GKE machine type, AKS VM size).
   * @default - the cloud's general-purpose default (EKS: `m7i.large`)
   */
  readonly machineType?: string;
  /**
   * Minimum number of nodes.
   * @default 1
   */
  readonly minSize?: number;
  /**
   * Maximum number of nodes.
   * @default - max(3, minSize)
   */
  readonly maxSize?: number;
  /**
   * Number of nodes the pool starts with; later changes by the autoscaler are kept.
   * @default - minSize
   */
  readonly desiredSize?: number;
  /**
   * Run on spot (preemptible) capacity.
   * @default false
   */
  readonly spot?: boolean;
  /**
   * Kubernetes labels for the nodes.
   * @default - none besides the labels cdk-fleet adds
   */
  readonly labels?: { [key: string]: string };
  /**
   * Taints for the nodes, in cloud-neutral form.
   * @default - none
   */
  readonly taints?: Taint[];
  /**
   * Size of each node's root disk in GiB.
   * @default 100 (GPU pools: 200)
   */
  readonly diskSizeGib?: number;
  /**
   * The containerd Wasm shim the nodes carry (e.g. `spin` for SpinKube's
   * `containerd-shim-spin-v2`): labels the nodes `cdk-fleet.io/wasm-shim=<shim>` so
   * WasmWorkloads land there. Installing the shim is the node image's or an add-on's job.
   * @default - no Wasm shim
   */
  readonly wasmShim?: string;
}

/** Options of a GPU node pool: one vocabulary for every cloud. */
export interface GpuNodePoolOptions extends NodePoolOptions {
  /** GPU model of the pool's nodes. */
  readonly accelerator: Accelerator;
  /**
   * GPUs per node. With `machineType` it must match the catalog's count for that
   * machine; without it, the smallest catalog machine with this many GPUs is chosen.
   * @default - the machine's count, or the smallest count the catalog offers for the accelerator
   */
  readonly gpusPerNode?: number;
  /**
   * How pods share each GPU (time-slicing, MPS, MIG).
   * @default GpuSharing.none()
   */
  readonly sharing?: GpuSharing;
  /**
   * How the NVIDIA driver is installed.
   * @default GpuDriver.CLOUD_MANAGED
   */
  readonly driver?: GpuDriver;
}

/** GPU facts of a node pool, for placement and the GPU operator configuration. */
export interface GpuPoolSpec {
  /** GPU model. */
  readonly accelerator: Accelerator;
  /** GPUs per node. */
  readonly gpusPerNode: number;
  /** Memory of one GPU in GiB. */
  readonly gpuMemoryGib: number;
  /** Sharing of each GPU. */
  readonly sharing: GpuSharing;
  /** How the driver is installed. */
  readonly driver: GpuDriver;
  /** Whether the catalog knows the machine type (false: accepted with a warning). */
  readonly inCatalog: boolean;
}

/** A node pool of a cluster. */
export interface INodePool extends IConstruct {
  /** The pool's name in the cloud. */
  readonly poolName: string;
  /** Machine type of the nodes. */
  readonly machineType: string;
  /** Kubernetes labels the nodes carry (user labels plus cdk-fleet's). */
  readonly labels: { [key: string]: string };
  /** Taints the nodes carry. */
  readonly taints: Taint[];
  /** Minimum nodes. */
  readonly minSize: number;
  /** Maximum nodes. */
  readonly maxSize: number;
  /** Whether the pool runs on spot capacity. */
  readonly spot: boolean;
  /**
   * GPU facts.
   * @default - undefined for pools without GPUs
   */
  readonly gpu?: GpuPoolSpec;
}

/** A Kubernetes cluster on any cloud: the surface every cloud implements. */
export interface ICluster extends IConstruct {
  /** The cloud the cluster runs on. */
  readonly cloud: Cloud;
  /** The cluster's name in the cloud. */
  readonly clusterName: string;
  /** The Kubernetes version of the control plane. */
  readonly kubernetesVersion: KubernetesVersion;
  /** Placement labels workloads select the cluster by (`clusterSelector`). */
  readonly labels: { [key: string]: string };
  /** API server endpoint (a Terraform reference). */
  readonly endpoint: string;
  /** Base64 cluster CA certificate (a Terraform reference). */
  readonly certificateAuthorityData: string;
  /** OIDC issuer URL for workload identity (a Terraform reference). */
  readonly oidcIssuerUrl: string;
  /** A kubeconfig that authenticates with the cloud's CLI (no credentials inside; a Terraform reference). */
  readonly kubeconfig: string;
  /** Node pools added so far. */
  readonly nodePools: INodePool[];
  /** Capabilities declared as installed outside the fleet (`provides`). */
  readonly provides: Capability[];
  /** Adds a node pool. */
  addNodePool(id: string, options?: NodePoolOptions): INodePool;
  /** Adds a GPU node pool, lowered to the cloud's GPU machines, image and taint. */
  addGpuNodePool(id: string, options: GpuNodePoolOptions): INodePool;
  /** Adds an add-on, installed by the cluster's `<cluster>-addons` stack; its `provides` satisfy workloads' needs. */
  addAddon(addon: IAddon): void;
  /** Adds a Helm chart as an add-on (see `Addon.helmChart`) and returns it. */
  addHelmChart(id: string, options: HelmChartOptions): IAddon;
}
