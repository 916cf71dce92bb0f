import { ClusterAddonOptions } from './addon-options';
import { Capability } from '../core/capability';
import { Accelerator } from '../core/gpu/accelerator';
import { GpuSharing } from '../core/gpu/sharing';
import { KubernetesVersion } from '../core/kubernetes-version';
import { Taint } from '../core/taint';

/**
 * A node pool of a cluster the fleet did not build, as you describe it. The fleet
 * checks workloads' fit and GPU placement against these descriptions but cannot see
 * the nodes: the nodes of a GPU pool must carry the labels and taint cdk-fleet's own
 * GPU pools carry (`cdk-fleet.io/accelerator`, `cdk-fleet.io/gpu-count`,
 * `cdk-fleet.io/gpu-memory-gib`, `cdk-fleet.io/gpu-sharing`, taint
 * `nvidia.com/gpu=present:NoSchedule`; listed per pool in manifest.json), or GPU
 * workloads will not schedule there.
 */
export interface ImportedNodePoolAttributes {
  /** The pool's name (a DNS-1123 label), used in messages and manifest.json. */
  readonly name: string;
  /** Machine type of the nodes (EKS instance type, GKE machine type, AKS VM size). */
  readonly machineType: string;
  /**
   * Minimum nodes.
   * @default 1
   */
  readonly minSize?: number;
  /**
   * Maximum nodes.
   * @default - max(3, minSize)
   */
  readonly maxSize?: number;
  /**
   * Whether the nodes are spot (preemptible) capacity.
   * @default false
   */
  readonly spot?: boolean;
  /**
   * Kubernetes labels the nodes carry (besides the GPU labels above).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Taints the nodes carry (besides the GPU taint).
   * @default - none
   */
  readonly taints?: Taint[];
  /**
   * The GPU model of the nodes, for a GPU pool; checked against the GPU catalog like `addGpuNodePool`.
   * @default - no GPUs
   */
  readonly accelerator?: Accelerator;
  /**
   * GPUs per node (GPU pools).
   * @default - the catalog's count for the machine type
   */
  readonly gpusPerNode?: number;
  /**
   * How pods share each GPU (GPU pools); the nodes' device plugin must be configured so.
   * @default GpuSharing.none()
   */
  readonly gpuSharing?: GpuSharing;
}

/** What every imported cluster states about itself, whatever the cloud. */
export interface ImportedClusterAttributes {
  /** The cluster's name in the cloud. */
  readonly clusterName: string;
  /** The Kubernetes version the control plane runs (Pod Security labels and add-on images follow it). */
  readonly kubernetesVersion: KubernetesVersion;
  /**
   * Placement labels workloads select the cluster by (`clusterSelector`).
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * Capabilities the cluster already has (e.g. `Capability.NETWORK_POLICY` when its CNI
   * enforces NetworkPolicies). An imported cluster's own settings provide nothing the
   * fleet can see, so every capability its workloads need comes from here, from an add-on
   * added to it, or from a catalog add-on switched on in `addons`.
   * @default - none
   */
  readonly provides?: Capability[];
  /**
   * Catalog add-ons to install. On an imported cluster nothing is installed
   * automatically: only the add-ons switched on (`true`) here. Cilium, the
   * cluster-autoscaler and Karpenter need resources of a fleet-built EKS cluster and
   * are not available.
   * @default - none
   */
  readonly addons?: ClusterAddonOptions;
  /**
   * The node pools the cluster has, for fit and GPU placement checks (they are not managed).
   * @default - unknown: the fit check is skipped and GPU or Wasm workloads cannot be placed on the cluster
   */
  readonly nodePools?: ImportedNodePoolAttributes[];
}
