import { ICluster } from '../clusters/cluster';

/**
 * What a team may use in each of its namespaces on a cluster: a Kubernetes
 * `ResourceQuota`. Workloads of the team whose requests (at their most replicas)
 * exceed it fail synth.
 */
export interface TeamQuota {
  /**
   * Sum of CPU requests (`requests.cpu`), e.g. `16`.
   * @default - not limited
   */
  readonly cpu?: string;
  /**
   * Sum of memory requests (`requests.memory`), e.g. `64Gi`.
   * @default - not limited
   */
  readonly memory?: string;
  /**
   * Sum of CPU limits (`limits.cpu`).
   * @default - not limited
   */
  readonly cpuLimit?: string;
  /**
   * Sum of memory limits (`limits.memory`).
   * @default - not limited
   */
  readonly memoryLimit?: string;
  /**
   * GPUs by extended resource name (`requests.<name>`), e.g. `{ 'nvidia.com/gpu': 4 }`.
   * @default - not limited
   */
  readonly gpus?: { [resourceName: string]: number };
  /**
   * Sum of persistent volume claim sizes (`requests.storage`), e.g. `500Gi`.
   * @default - not limited
   */
  readonly storage?: string;
  /**
   * Number of persistent volume claims (`persistentvolumeclaims`).
   * @default - not limited
   */
  readonly persistentVolumeClaims?: number;
  /**
   * Number of pods (`pods`).
   * @default - not limited
   */
  readonly pods?: number;
}

/** A quota for one cluster, replacing the team's `quota` there. */
export interface TeamClusterQuota {
  /** The cluster. */
  readonly cluster: ICluster;
  /** The quota of each of the team's namespaces on it. */
  readonly quota: TeamQuota;
}

/**
 * Defaults a `LimitRange` gives containers of the team's namespaces that set no
 * requests or limits themselves (cdk-fleet's workloads always set both).
 */
export interface TeamLimitDefaults {
  /**
   * CPU request of a container without one.
   * @default '100m'
   */
  readonly cpuRequest?: string;
  /**
   * Memory request of a container without one.
   * @default '128Mi'
   */
  readonly memoryRequest?: string;
  /**
   * CPU limit of a container without one.
   * @default '500m'
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit of a container without one.
   * @default '512Mi'
   */
  readonly memoryLimit?: string;
}

/**
 * The people of a team, as each cloud knows them. They get edit rights in the team's
 * namespaces (and nothing cluster-wide) on the clusters the team may use.
 */
export interface TeamMembers {
  /**
   * IAM role or user ARNs: an EKS access entry each, with `AmazonEKSEditPolicy`
   * scoped to the team's namespaces.
   * @default - none
   */
  readonly awsPrincipalArns?: string[];
  /**
   * Google Groups (emails): a RoleBinding to the `edit` ClusterRole in each team
   * namespace on GKE. The groups must be members of `gke-security-groups@<domain>`,
   * which the cluster is configured with (Google Groups for RBAC).
   * @default - none
   */
  readonly googleGroups?: string[];
  /**
   * Microsoft Entra group object ids: an `Azure Kubernetes Service RBAC Writer` role
   * assignment scoped to each team namespace on AKS (Azure RBAC for Kubernetes).
   * @default - none
   */
  readonly azureGroupObjectIds?: string[];
}

/** Properties of a team. */
export interface TeamProps {
  /**
   * Cost center, written as the `cost-center` label and tag on everything the team owns.
   * @default - no cost-center label
   */
  readonly costCenter?: string;
  /**
   * The team's namespaces (DNS-1123 labels); the first is where its workloads go by default.
   * @default - one namespace named after the team
   */
  readonly namespaces?: string[];
  /**
   * Members per cloud, granted edit rights in the team's namespaces.
   * @default - no members (no access entries, role bindings or role assignments)
   */
  readonly members?: TeamMembers;
  /**
   * Clusters the team may use. With `clusterSelector`, the union of both.
   * @default - every cluster of the fleet (when `clusterSelector` is not set either)
   */
  readonly clusters?: ICluster[];
  /**
   * Clusters the team may use, by label (resolved at synth).
   * @default - only `clusters`
   */
  readonly clusterSelector?: { [key: string]: string };
  /**
   * Quota of each team namespace on every cluster the team uses.
   * @default - no ResourceQuota
   */
  readonly quota?: TeamQuota;
  /**
   * Quotas for particular clusters; each replaces `quota` on its cluster.
   * @default - `quota` everywhere
   */
  readonly clusterQuotas?: TeamClusterQuota[];
  /**
   * Container defaults of the team's `LimitRange`.
   * @default - 100m / 128Mi requested, 500m / 512Mi limit
   */
  readonly limits?: TeamLimitDefaults;
}
