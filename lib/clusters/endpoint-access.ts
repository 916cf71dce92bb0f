/**
 * Who can reach a cluster's API server. Private by default: the endpoint is only
 * reachable from inside the cluster's network.
 */
export class EndpointAccess {
  /** Private endpoint only (the default). */
  public static readonly PRIVATE = new EndpointAccess(false, []);

  /**
   * Private endpoint plus a public endpoint reachable from `allowedCidrs` only
   * (e.g. a VPN egress range). At least one CIDR is required.
   */
  public static publicAndPrivate(allowedCidrs: string[]): EndpointAccess {
    return new EndpointAccess(true, allowedCidrs);
  }

  /** Whether the API server has a public endpoint. */
  public readonly publicAccess: boolean;
  /** CIDR blocks allowed to reach the public endpoint. */
  public readonly allowedCidrs: string[];

  private constructor(publicAccess: boolean, allowedCidrs: string[]) {
    this.publicAccess = publicAccess;
    this.allowedCidrs = [...allowedCidrs];
  }
}
