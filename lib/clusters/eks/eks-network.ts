import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { EksNetworkRefs, NatGateways } from './eks-network-options';
import { aws } from './eks-resources';
import { splitVpc } from '../../core/cidr';

/** Internal props of the created network. */
export interface EksNetworkProps {
  readonly clusterName: string;
  readonly cidr: string;
  readonly zoneCount: number;
  readonly availabilityZones?: string[];
  readonly natGateways: NatGateways;
}

/**
 * A VPC with one private and one public subnet per availability zone, an internet
 * gateway, and NAT gateways for egress from the private subnets. Subnets carry the
 * tags the AWS Load Balancer Controller uses to find them.
 */
export class EksNetwork extends Construct implements EksNetworkRefs {
  public readonly vpcId: string;
  public readonly privateSubnetIds: string[];
  public readonly publicSubnetIds: string[];

  constructor(scope: Construct, id: string, props: EksNetworkProps) {
    super(scope, id);
    const name = props.clusterName;
    const vpc = new aws.Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: name },
    });
    const zones = this.zoneNames(props);
    const layout = splitVpc(props.cidr, props.zoneCount);
    const igw = new aws.InternetGateway(this, 'igw', { vpcId: vpc.id, tags: { Name: name } });

    const publicRoutes = new aws.RouteTable(this, 'public-routes', { vpcId: vpc.id, tags: { Name: `${name}-public` } });
    new aws.Route(this, 'public-default-route', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });

    const publicSubnets = zones.map((zone, i) => new aws.Subnet(this, `public-${i}`, {
      vpcId: vpc.id,
      cidrBlock: layout.publicSubnets[i],
      availabilityZone: zone,
      mapPublicIpOnLaunch: false,
      tags: { 'Name': `${name}-public-${i}`, 'kubernetes.io/role/elb': '1', [`kubernetes.io/cluster/${name}`]: 'shared' },
    }));
    publicSubnets.forEach((subnet, i) => new aws.RouteTableAssociation(this, `public-${i}-routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id }));

    const natCount = props.natGateways === NatGateways.SINGLE ? 1 : props.zoneCount;
    const nats = Array.from({ length: natCount }, (_, i) => {
      const eip = new aws.Eip(this, `nat-${i}-ip`, { domain: 'vpc', tags: { Name: `${name}-nat-${i}` } });
      return new aws.NatGateway(this, `nat-${i}`, {
        allocationId: eip.id,
        subnetId: publicSubnets[i].id,
        tags: { Name: `${name}-nat-${i}` },
        dependsOn: [igw],
      });
    });

    const privateSubnets = zones.map((zone, i) => {
      const subnet = new aws.Subnet(this, `private-${i}`, {
        vpcId: vpc.id,
        cidrBlock: layout.privateSubnets[i],
        availabilityZone: zone,
        tags: { 'Name': `${name}-private-${i}`, 'kubernetes.io/role/internal-elb': '1', [`kubernetes.io/cluster/${name}`]: 'shared' },
      });
      const routes = new aws.RouteTable(this, `private-${i}-routes`, { vpcId: vpc.id, tags: { Name: `${name}-private-${i}` } });
      new aws.Route(this, `private-${i}-default-route`, {
        routeTableId: routes.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: nats[Math.min(i, nats.length - 1)].id,
      });
      new aws.RouteTableAssociation(this, `private-${i}-routes-association`, { subnetId: subnet.id, routeTableId: routes.id });
      return subnet;
    });

    this.vpcId = vpc.id;
    this.privateSubnetIds = privateSubnets.map(s => s.id);
    this.publicSubnetIds = publicSubnets.map(s => s.id);
  }

  private zoneNames(props: EksNetworkProps): string[] {
    if (props.availabilityZones) return props.availabilityZones;
    const available = new aws.DataAwsAvailabilityZones(this, 'zones', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    return Array.from({ length: props.zoneCount }, (_, i) => Fn.element(available.names, i));
  }
}
