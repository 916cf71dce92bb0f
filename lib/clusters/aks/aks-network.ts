import { Construct } from 'constructs';
import { azurerm } from './aks-resources';

/** Internal props of the created virtual network. */
export interface AksNetworkProps {
  readonly clusterName: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly addressSpace: string;
  readonly nodesCidr: string;
}

/** A virtual network with one subnet for the nodes (pods use the overlay range). */
export class AksNetwork extends Construct {
  /** Id of the nodes' subnet. */
  public readonly subnetId: string;

  constructor(scope: Construct, id: string, props: AksNetworkProps) {
    super(scope, id);
    const vnet = new azurerm.VirtualNetwork(this, 'vnet', {
      name: `${props.clusterName}-vnet`,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      addressSpace: [props.addressSpace],
    });
    const subnet = new azurerm.Subnet(this, 'nodes', {
      name: 'nodes',
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: vnet.name,
      addressPrefixes: [props.nodesCidr],
    });
    this.subnetId = subnet.id;
  }
}
