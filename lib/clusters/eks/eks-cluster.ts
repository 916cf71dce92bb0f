import type { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import type { EksCluster as AwsEksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { EksNodeImage } from './ami';
import { CLUSTER_ROLE_POLICIES, NODE_ROLE_POLICIES, ServiceRole } from './eks-iam';
import { EksNetwork } from './eks-network';
import { EksNetworkRefs, NatGateways } from './eks-network-options';
import { EksNodePool } from './eks-node-pool';
import { aws } from './eks-resources';
import { EbsCsiDriver } from './eks-storage';
import { ImportedEksClusterAttributes } from './imported-eks-attributes';
import { ImportedEksCluster } from './imported-eks-cluster';
import { Capability } from '../../core/capability';
import { cidrsOverlap } from '../../core/cidr';
import { Cloud } from '../../core/cloud';
import { checkEnum, invalid, show } from '../../core/errors';
import { eksClusterNameProblem, eksNodeGroupNameProblem } from '../../core/names';
import { addFleetWarning, WarningId } from '../../core/warnings';
import { ICluster, INodePool } from '../cluster';
import { ClusterProps, ClusterStack, KubeconfigExec } from '../cluster-stack';
import { EndpointAccess } from '../endpoint-access';
import { execKubeconfig } from '../kubeconfig';
import { Dataplane } from '../networking';
import { PoolSpec } from '../node-pool-spec';
import { checkRegion, checkZones } from '../region-check';

/** Options of the VPC an EKS cluster creates. */
export interface EksVpcOptions {
  /**
   * CIDR block of the VPC; subnets are carved from it.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * Number of availability zones (2-6), taken from the region's available zones.
   * @default 3
   */
  readonly zoneCount?: number;
  /**
   * Exact availability zones to use (overrides `zoneCount`).
   * @default - the first `zoneCount` available zones of the region
   */
  readonly availabilityZones?: string[];
  /**
   * NAT gateways for egress from the private subnets.
   * @default NatGateways.ONE_PER_ZONE
   */
  readonly natGateways?: NatGateways;
}

/** A VPC that already exists. */
export interface ExistingVpc {
  /** VPC id (`vpc-...`). */
  readonly vpcId: string;
  /** Private subnets for the control plane and nodes, in at least two availability zones. */
  readonly subnetIds: string[];
}

/** Properties of an EKS cluster. */
export interface EksClusterProps extends ClusterProps {
  /** AWS region, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * Options of the VPC to create. Ignored when `existingVpc` is given.
   * @default - a /16 VPC over 3 zones with one NAT gateway per zone
   */
  readonly vpc?: EksVpcOptions;
  /**
   * Run in an existing VPC instead of creating one.
   * @default - a VPC is created
   */
  readonly existingVpc?: ExistingVpc;
  /**
   * Who can reach the API server.
   * @default EndpointAccess.PRIVATE
   */
  readonly endpointAccess?: EndpointAccess;
  /**
   * KMS key ARN for envelope encryption of Kubernetes secrets.
   * @default - a key with rotation is created for the cluster
   */
  readonly secretsKmsKeyArn?: string;
  /**
   * IAM principal ARNs (roles or users) granted cluster admin through EKS access entries.
   * @default - none; then the identity that creates the cluster is made admin
   */
  readonly admins?: string[];
  /**
   * CIDR block for Kubernetes service IPs; must not overlap the VPC.
   * @default '172.20.0.0/16'
   */
  readonly serviceIpv4Cidr?: string;
  /**
   * Retention of the control-plane log group, in days (a CloudWatch retention value).
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Operating system of managed nodes.
   * Changing it replaces every node group's nodes.
   * @default EksNodeImage.AL2023
   */
  readonly nodeImage?: EksNodeImage;
}

const KIND = 'eksCluster';
const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const ADMIN_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const DEFAULT_MACHINE_TYPE = 'm7i.large';

/**
 * An Amazon EKS cluster in its own Terraform stack: network (created or existing),
 * a private API endpoint, KMS envelope encryption of secrets, every control-plane
 * log type, EKS access entries, an IAM OIDC provider and the Pod Identity agent,
 * and managed node groups added with `addNodePool` / `addGpuNodePool`.
 *
 * Replacement: changing `clusterName`, the subnets, `serviceIpv4Cidr` or
 * `secretsKmsKeyArn` replaces the cluster.
 */
export class EksCluster extends ClusterStack {
  /**
   * An existing EKS cluster the fleet did not build, as a target for workloads and
   * add-ons: its stack only reads the cluster (data sources) and creates nothing. Node
   * pools are described in `attrs.nodePools`, not added; catalog add-ons are installed
   * only when switched on in `attrs.addons`.
   */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: ImportedEksClusterAttributes): ICluster {
    return new ImportedEksCluster(scope, id, attrs);
  }

  public readonly cloud = Cloud.AWS;
  public readonly region: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  /** A kubeconfig using `aws eks get-token` (Terraform reference; also a stack output). */
  public readonly kubeconfig: string;
  /** The VPC and subnets the cluster runs in. */
  public readonly network: EksNetworkRefs;
  /** The underlying `aws_eks_cluster`. */
  public readonly cluster: AwsEksCluster;
  /** IAM role of the node groups. */
  public readonly nodeRoleArn: string;
  private readonly nodeImage: EksNodeImage;
  private readonly nodeRole: ServiceRole;
  /** Managed add-ons whose pods need nodes: they wait for every node group. */
  private readonly afterNodes: EksAddon[] = [];
  private ebsCsi?: EbsCsiDriver;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id, props, KIND, Cloud.AWS);
    const name = this.clusterName;
    const nameProblem = eksClusterNameProblem(name);
    if (nameProblem) invalid(KIND, this, `clusterName ${show(name)} is not a valid EKS cluster name: ${nameProblem}`);
    this.region = props.region;
    checkRegion(KIND, this, Cloud.AWS, 'region', props.region);
    checkEnum(KIND, this, 'nodeImage', props.nodeImage, EksNodeImage, 'EksNodeImage');
    checkEnum(KIND, this, 'vpc.natGateways', props.vpc?.natGateways, NatGateways, 'NatGateways');
    this.nodeImage = props.nodeImage ?? EksNodeImage.AL2023;
    new aws.AwsProvider(this, 'aws', { region: props.region });

    this.network = this.createOrImportNetwork(props);
    const serviceCidr = props.serviceIpv4Cidr ?? '172.20.0.0/16';
    this._checkCidr('serviceIpv4Cidr', serviceCidr);
    const vpcCidr = props.existingVpc ? undefined : props.vpc?.cidr ?? '10.0.0.0/16';
    if (vpcCidr && cidrsOverlap(serviceCidr, vpcCidr)) {
      invalid(KIND, this, `serviceIpv4Cidr '${serviceCidr}' overlaps the VPC CIDR '${vpcCidr}'; choose a service range outside the VPC (e.g. '172.20.0.0/16')`);
    }
    const endpointAccess = props.endpointAccess ?? EndpointAccess.PRIVATE;
    this.checkEndpointAccess(endpointAccess);

    const retention = props.logRetentionDays ?? 90;
    if (!RETENTION_DAYS.includes(retention)) {
      invalid(KIND, this, `logRetentionDays ${show(retention)} is not a CloudWatch retention; use one of ${RETENTION_DAYS.join(', ')}`);
    }
    const logGroup = new aws.CloudwatchLogGroup(this, 'control-plane-logs', {
      name: `/aws/eks/${name}/cluster`,
      retentionInDays: retention,
    });
    const keyArn = props.secretsKmsKeyArn ?? this.createSecretsKey(name);
    const clusterRole = new ServiceRole(this, 'cluster-role', {
      name: `${name}-cluster`, service: 'eks.amazonaws.com', managedPolicies: CLUSTER_ROLE_POLICIES, tagSession: true,
    });
    const admins = props.admins ?? [];
    this.cluster = new aws.AwsEksCluster(this, 'cluster', {
      name,
      version: this.kubernetesVersion.version,
      roleArn: clusterRole.role.arn,
      vpcConfig: {
        subnetIds: this.network.privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: endpointAccess.publicAccess,
        ...(endpointAccess.publicAccess ? { publicAccessCidrs: endpointAccess.allowedCidrs } : {}),
      },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn } },
      enabledClusterLogTypes: LOG_TYPES,
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: admins.length === 0 },
      kubernetesNetworkConfig: { serviceIpv4Cidr: serviceCidr },
      tags: { Name: name },
      dependsOn: [logGroup, ...clusterRole.attachments],
    });
    this.grantAdmins(admins);

    const issuer = this.cluster.identity.get(0).oidc.get(0).issuer;
    new aws.IamOpenidConnectProvider(this, 'oidc-provider', { url: issuer, clientIdList: ['sts.amazonaws.com'] });
    new aws.EksAddon(this, 'pod-identity-agent', { clusterName: this.cluster.name, addonName: 'eks-pod-identity-agent' });
    this.addCoreAddons();

    this.nodeRole = new ServiceRole(this, 'node-role', {
      name: `${name}-nodes`, service: 'ec2.amazonaws.com', managedPolicies: NODE_ROLE_POLICIES,
    });
    this.nodeRoleArn = this.nodeRole.role.arn;
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthorityData = this.cluster.certificateAuthority.get(0).data;
    this.oidcIssuerUrl = issuer;
    const exec = this._kubeconfigExec();
    this.kubeconfig = execKubeconfig(name, this.endpoint, this.certificateAuthorityData, exec.command, exec.args);
    this.addOutputs();
  }

  /** @internal */
  public _kubeconfigExec(): KubeconfigExec {
    return { command: 'aws', args: ['eks', 'get-token', '--cluster-name', this.clusterName, '--region', this.region] };
  }

  /** @internal */
  public _provideCapability(capability: Capability): string | undefined {
    switch (capability) {
      case Capability.NETWORK_POLICY:
        return this.networking.dataplane === Dataplane.CILIUM
          ? 'Cilium chained to the VPC CNI (add-on cilium)'
          : 'Amazon VPC CNI network policy agent (managed vpc-cni add-on, enableNetworkPolicy)';
      case Capability.BLOCK_STORAGE:
        this.ebsCsi ??= new EbsCsiDriver(this, 'ebs-csi-driver', {
          clusterName: this.cluster.name,
          roleName: `${this.clusterName}-ebs-csi`.slice(0, 64),
          dependsOn: this.pools.map(p => (p as EksNodePool).nodeGroup),
        });
        return 'Amazon EBS CSI driver (managed aws-ebs-csi-driver add-on, Pod Identity) and the default gp3 StorageClass';
      default:
        return undefined;
    }
  }

  /** @internal */
  public _capabilityHint(capability: Capability): string {
    switch (capability) {
      case Capability.GATEWAY_API:
        return 'EKS installs no Gateway API implementation; install the Gateway API CRDs and a controller (e.g. the AWS Load Balancer ' +
          'Controller with its Gateway API support, or Envoy Gateway) and declare it with provides: [Capability.GATEWAY_API]';
      case Capability.SANDBOX_RUNTIME:
        return 'EKS has no managed sandbox runtime; install gVisor or Kata Containers on a node pool and declare it with provides: [Capability.SANDBOX_RUNTIME]';
      default:
        return super._capabilityHint(capability);
    }
  }

  /** @internal */
  protected _defaultMachineType(): string {
    return DEFAULT_MACHINE_TYPE;
  }

  /** @internal */
  protected _poolNameProblem(id: string): string | undefined {
    return eksNodeGroupNameProblem(id);
  }

  /** @internal */
  protected _buildPool(id: string, spec: PoolSpec): INodePool {
    const pool = new EksNodePool(this, id, spec, {
      clusterName: this.cluster.name,
      clusterNameText: this.clusterName,
      nodeRoleArn: this.nodeRole.role.arn,
      subnetIds: this.network.privateSubnetIds,
      image: this.nodeImage,
      dependsOn: this.nodeRole.attachments,
    });
    for (const addon of this.afterNodes) addon.dependsOn = [...(addon.dependsOn ?? []), pool.nodeGroup.fqn];
    return pool;
  }

  /**
   * The networking add-ons as managed EKS add-ons (EKS otherwise leaves self-managed
   * copies that nothing updates): vpc-cni with its network policy agent on, so
   * NetworkPolicies are enforced (off by default; see
   * https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html),
   * kube-proxy, and CoreDNS (a Deployment, so it waits for the node groups).
   */
  private addCoreAddons(): void {
    const managed = { clusterName: this.cluster.name, resolveConflictsOnCreate: 'OVERWRITE', resolveConflictsOnUpdate: 'PRESERVE' };
    const policyAgent = this.networking.dataplane !== Dataplane.CILIUM;
    new aws.EksAddon(this, 'vpc-cni', {
      ...managed,
      addonName: 'vpc-cni',
      ...(policyAgent ? { configurationValues: JSON.stringify({ enableNetworkPolicy: 'true' }) } : {}),
    });
    new aws.EksAddon(this, 'kube-proxy', { ...managed, addonName: 'kube-proxy' });
    this.afterNodes.push(new aws.EksAddon(this, 'coredns', { ...managed, addonName: 'coredns' }));
  }

  private createOrImportNetwork(props: EksClusterProps): EksNetworkRefs {
    if (props.existingVpc) {
      const { vpcId, subnetIds } = props.existingVpc;
      if (!Token.isUnresolved(vpcId) && !/^vpc-[0-9a-f]{8,17}$/.test(vpcId ?? '')) {
        invalid(KIND, this, `existingVpc.vpcId ${show(vpcId)} is not a VPC id; use the form 'vpc-0123456789abcdef0'`);
      }
      if (!Array.isArray(subnetIds) || subnetIds.length < 2) {
        invalid(KIND, this, `existingVpc.subnetIds has ${subnetIds?.length ?? 0} subnet(s); EKS needs subnets in at least two availability zones`);
      }
      const bad = subnetIds.find(s => !Token.isUnresolved(s) && !/^subnet-[0-9a-f]{8,17}$/.test(s));
      if (bad !== undefined) invalid(KIND, this, `existingVpc.subnetIds contains ${show(bad)}, which is not a subnet id ('subnet-...')`);
      return { vpcId, privateSubnetIds: [...subnetIds], publicSubnetIds: [] };
    }
    const cidr = props.vpc?.cidr ?? '10.0.0.0/16';
    this._checkCidr('vpc.cidr', cidr);
    const prefix = Number(cidr.split('/')[1]);
    if (prefix < 16 || prefix > 24) invalid(KIND, this, `vpc.cidr '${cidr}' is a /${prefix}; AWS VPCs are /16 to /28 and a cluster needs at least a /24`);
    const zones = props.vpc?.availabilityZones;
    const zoneCount = zones?.length ?? props.vpc?.zoneCount ?? 3;
    if (!Number.isInteger(zoneCount) || zoneCount < 2 || zoneCount > 6) {
      invalid(KIND, this, `${zones ? 'availabilityZones has' : 'vpc.zoneCount is'} ${show(zoneCount)} zone(s); use 2 to 6 (EKS needs at least two zones)`);
    }
    checkZones(KIND, this, Cloud.AWS, this.region, 'vpc.availabilityZones', zones ?? [], new RegExp(`^${this.region}[a-z]$`));
    if (zones && new Set(zones).size !== zones.length) invalid(KIND, this, `availabilityZones ${show(zones)} lists a zone twice`);
    return new EksNetwork(this, 'network', {
      clusterName: this.clusterName,
      cidr,
      zoneCount,
      availabilityZones: zones,
      natGateways: props.vpc?.natGateways ?? NatGateways.ONE_PER_ZONE,
    });
  }

  private checkEndpointAccess(access: EndpointAccess): void {
    this._checkEndpointAccess(access);
    if (access.allowedCidrs.includes('0.0.0.0/0')) {
      addFleetWarning(this, WarningId.ENDPOINT_OPEN_TO_INTERNET, 'endpointAccess allows 0.0.0.0/0: the API server is reachable from the whole internet');
    }
  }

  private createSecretsKey(name: string): string {
    const key = new aws.KmsKey(this, 'secrets-key', {
      description: `Envelope encryption of Kubernetes secrets in EKS cluster ${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    new aws.KmsAlias(this, 'secrets-key-alias', { name: `alias/${name}-secrets`, targetKeyId: key.keyId });
    return key.arn;
  }

  private grantAdmins(admins: string[]): void {
    admins.forEach((principalArn, i) => {
      if (!Token.isUnresolved(principalArn) && !/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/\S+$/.test(principalArn)) {
        invalid(KIND, this, `admins[${i}] ${show(principalArn)} is not an IAM role or user ARN ('arn:aws:iam::<account>:role/<name>')`);
      }
      const entry = new aws.EksAccessEntry(this, `admin-${i}`, { clusterName: this.cluster.name, principalArn, type: 'STANDARD' });
      new aws.EksAccessPolicyAssociation(this, `admin-${i}-policy`, {
        clusterName: this.cluster.name,
        principalArn,
        policyArn: ADMIN_POLICY,
        accessScope: { type: 'cluster' },
        dependsOn: [entry],
      });
    });
  }

  private addOutputs(): void {
    new TerraformOutput(this, 'cluster_name', { value: this.cluster.name, description: 'EKS cluster name' });
    new TerraformOutput(this, 'endpoint', { value: this.endpoint, description: 'API server endpoint' });
    new TerraformOutput(this, 'certificate_authority_data', { value: this.certificateAuthorityData, description: 'Base64 cluster CA certificate' });
    new TerraformOutput(this, 'oidc_issuer_url', { value: this.oidcIssuerUrl, description: 'OIDC issuer for IAM roles for service accounts' });
    new TerraformOutput(this, 'kubeconfig', { value: this.kubeconfig, description: 'kubeconfig using aws eks get-token' });
    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId, description: 'VPC of the cluster' });
  }
}
