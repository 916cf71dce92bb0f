/** How many NAT gateways a created VPC gets. */
export enum NatGateways {
  /** One per availability zone: zone failures do not cut egress (the default). */
  ONE_PER_ZONE = 'one-per-zone',
  /** A single NAT gateway: cheaper, but egress depends on one zone. */
  SINGLE = 'single',
}

/** The network a cluster runs in. */
export interface EksNetworkRefs {
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  readonly publicSubnetIds: string[];
}
