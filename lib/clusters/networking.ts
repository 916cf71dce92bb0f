/** The pod network dataplane of a cluster. */
export enum Dataplane {
  /** The cloud's default dataplane (EKS VPC CNI, GKE with Calico policy, AKS Azure CNI). */
  CLOUD_DEFAULT = 'cloud-default',
  /** Cilium (eBPF): GKE Dataplane V2, AKS Azure CNI powered by Cilium, EKS Cilium add-on. */
  CILIUM = 'cilium',
}

/**
 * Pod networking of a cluster, in cloud-neutral form and lowered per cloud:
 * `cilium()` is GKE `ADVANCED_DATAPATH`, the AKS Cilium dataplane, and on EKS a
 * Cilium installed by the cluster's add-ons stack.
 */
export class ClusterNetworking {
  /** The cloud's default dataplane, with network policy enforcement on. */
  public static cloudDefault(): ClusterNetworking {
    return new ClusterNetworking(Dataplane.CLOUD_DEFAULT);
  }

  /** Cilium as dataplane and network policy engine. */
  public static cilium(): ClusterNetworking {
    return new ClusterNetworking(Dataplane.CILIUM);
  }

  /** The dataplane. */
  public readonly dataplane: Dataplane;

  private constructor(dataplane: Dataplane) {
    this.dataplane = dataplane;
  }
}
