import { ImportedClusterAttributes } from '../imported-cluster-attributes';

/** An existing GKE cluster (see `GkeCluster.fromClusterAttributes`). */
export interface ImportedGkeClusterAttributes extends ImportedClusterAttributes {
  /** Google Cloud project id of the cluster. */
  readonly project: string;
  /** Region of the cluster (of its zone, for a zonal cluster), e.g. `us-central1`. */
  readonly region: string;
  /**
   * Zone of a zonal cluster, e.g. `us-central1-a`.
   * @default - a regional cluster
   */
  readonly zone?: string;
}
