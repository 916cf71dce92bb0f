import { ImportedClusterAttributes } from '../imported-cluster-attributes';

/** An existing AKS cluster (see `AksCluster.fromClusterAttributes`). */
export interface ImportedAksClusterAttributes extends ImportedClusterAttributes {
  /** Resource group the cluster is in. */
  readonly resourceGroupName: string;
  /**
   * Subscription of the cluster.
   * @default - the Azure CLI's current subscription (or ARM_SUBSCRIPTION_ID)
   */
  readonly subscriptionId?: string;
}
