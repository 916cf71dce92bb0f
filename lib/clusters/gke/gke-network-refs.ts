/** The VPC-native network a GKE cluster runs in. */
export interface GkeNetworkRefs {
  /** Network self link or name. */
  readonly network: string;
  /** Subnetwork self link or name. */
  readonly subnetwork: string;
  /** Name of the subnetwork's secondary range for pods. */
  readonly podsRangeName: string;
  /** Name of the subnetwork's secondary range for services. */
  readonly servicesRangeName: string;
}
