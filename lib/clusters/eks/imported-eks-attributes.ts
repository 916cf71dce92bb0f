import { ImportedClusterAttributes } from '../imported-cluster-attributes';

/** An existing EKS cluster (see `EksCluster.fromClusterAttributes`). */
export interface ImportedEksClusterAttributes extends ImportedClusterAttributes {
  /** AWS region of the cluster, e.g. `us-east-1`. */
  readonly region: string;
}
