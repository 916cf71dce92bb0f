import { Construct } from 'constructs';
import { GkeNetworkRefs } from './gke-network-refs';
import { google } from './gke-resources';

/** Internal props of the created network. */
export interface GkeNetworkProps {
  readonly clusterName: string;
  readonly region: string;
  readonly nodesCidr: string;
  readonly podsCidr: string;
  readonly servicesCidr: string;
}

/**
 * A custom-mode VPC with one subnetwork (secondary ranges for pods and services,
 * private Google access) and Cloud NAT, so private nodes can pull images.
 */
export class GkeNetwork extends Construct implements GkeNetworkRefs {
  public readonly network: string;
  public readonly subnetwork: string;
  public readonly podsRangeName = 'pods';
  public readonly servicesRangeName = 'services';

  constructor(scope: Construct, id: string, props: GkeNetworkProps) {
    super(scope, id);
    const name = props.clusterName;
    const network = new google.ComputeNetwork(this, 'network', { name, autoCreateSubnetworks: false });
    const subnetwork = new google.ComputeSubnetwork(this, 'subnetwork', {
      name: `${name}-nodes`,
      region: props.region,
      network: network.id,
      ipCidrRange: props.nodesCidr,
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: this.podsRangeName, ipCidrRange: props.podsCidr },
        { rangeName: this.servicesRangeName, ipCidrRange: props.servicesCidr },
      ],
    });
    const router = new google.ComputeRouter(this, 'router', { name: `${name}-router`, region: props.region, network: network.id });
    new google.ComputeRouterNat(this, 'nat', {
      name: `${name}-nat`,
      region: props.region,
      router: router.name,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
    });
    this.network = network.id;
    this.subnetwork = subnetwork.id;
  }
}
