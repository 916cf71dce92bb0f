import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { aksKubeconfigExec } from './aks-auth';
import { AksMaintenanceWindow, aksMaintenanceSchedule } from './aks-maintenance';
import { AksContainerInsights } from './aks-monitoring';
import { AksNetwork } from './aks-network';
import { AksNodePool } from './aks-node-pool';
import { azurerm } from './aks-resources';
import { AksSecretsKey } from './aks-secrets-key';
import { ImportedAksClusterAttributes } from './imported-aks-attributes';
import { ImportedAksCluster } from './imported-aks-cluster';
import { Capability } from '../../core/capability';
import { cidrContains, findOverlap, subnetOf } from '../../core/cidr';
import { Cloud } from '../../core/cloud';
import { invalid, show } from '../../core/errors';
import { aksClusterNameProblem, aksNodePoolNameProblem } from '../../core/names';
import { zonesOf } from '../../core/regions';
import { ICluster, INodePool, NodePoolOptions } from '../cluster';
import { ClusterProps, ClusterStack, KubeconfigExec } from '../cluster-stack';
import { EndpointAccess } from '../endpoint-access';
import { execKubeconfig } from '../kubeconfig';
import { Dataplane } from '../networking';
import { PoolSpec, resolvePoolSpec } from '../node-pool-spec';
import { checkRegion, checkZones } from '../region-check';

/** Address ranges of an AKS cluster (Azure CNI overlay). */
export interface AksNetworkOptions {
  /**
   * Address space of the virtual network to create.
   * @default '10.224.0.0/12'
   */
  readonly addressSpace?: string;
  /**
   * Subnet of the nodes, inside the address space.
   * @default '10.224.0.0/16'
   */
  readonly nodesCidr?: string;
  /**
   * Overlay range pods get their addresses from (not routable in the virtual network).
   * @default '10.244.0.0/16'
   */
  readonly podCidr?: string;
  /**
   * Range of Kubernetes service IPs; the cluster DNS service takes its 10th address.
   * @default '10.0.0.0/16'
   */
  readonly serviceCidr?: string;
}

/** Properties of an AKS cluster. */
export interface AksClusterProps extends ClusterProps {
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /**
   * Resource group of the cluster and its resources.
   * @default - `rg-<clusterName>`
   */
  readonly resourceGroupName?: string;
  /**
   * Create the resource group (false: it already exists).
   * @default true
   */
  readonly createResourceGroup?: boolean;
  /**
   * Subscription to deploy into.
   * @default - the ARM_SUBSCRIPTION_ID environment variable
   */
  readonly subscriptionId?: string;
  /**
   * Address ranges. Ignored (except pod and service ranges) with `existingSubnetId`.
   * @default - see AksNetworkOptions
   */
  readonly network?: AksNetworkOptions;
  /**
   * Place the nodes in an existing subnet instead of creating a virtual network.
   * @default - a virtual network and subnet are created
   */
  readonly existingSubnetId?: string;
  /**
   * Who can reach the API server: a private cluster, or a public endpoint limited to authorized IP ranges.
   * @default EndpointAccess.PRIVATE
   */
  readonly endpointAccess?: EndpointAccess;
  /**
   * Entra ID groups whose members are cluster admins (Azure RBAC; local accounts are disabled).
   * @default - none
   */
  readonly adminGroupObjectIds?: string[];
  /**
   * Availability zones of the node pools (`1`, `2`, `3`).
   * @default ['1', '2', '3']
   */
  readonly zones?: string[];
  /**
   * The system node pool (critical add-ons only).
   * @default - Standard_D4ds_v5, 2 to 5 nodes
   */
  readonly systemPool?: NodePoolOptions;
  /**
   * Log Analytics workspace for Container Insights and the audit logs.
   * @default - a workspace with 90-day retention is created
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Key Vault key id for KMS encryption of secrets in etcd.
   * @default - a Key Vault (RBAC, purge protection) and a rotating RSA key are created
   */
  readonly secretsKeyVaultKeyId?: string;
  /**
   * Weekly window in which AKS starts Kubernetes patch upgrades and node image upgrades.
   * @default - none: AKS upgrades whenever an upgrade is released
   */
  readonly maintenanceWindow?: AksMaintenanceWindow;
}

const KIND = 'aksCluster';
const DEFAULT_MACHINE_TYPE = 'Standard_D4ds_v5';
const AUDIT_CATEGORIES = ['kube-audit-admin', 'kube-apiserver', 'guard'];

/**
 * An Azure Kubernetes Service cluster in its own Terraform stack: a system pool
 * plus user pools, a private cluster (or authorized IP ranges), Azure RBAC with
 * local accounts disabled, OIDC issuer and workload identity, Azure CNI overlay
 * (Cilium dataplane with `ClusterNetworking.cilium()`), automatic patch upgrades,
 * KMS secrets encryption, Container Insights and audit logs to Log Analytics.
 *
 * Replacement: changing the name, location, network profile or private-cluster
 * setting replaces the cluster; changing the system pool's `vm_size` rotates it
 * through `temporary_name_for_rotation`.
 */
export class AksCluster extends ClusterStack {
  /**
   * An existing AKS cluster the fleet did not build, as a target for workloads and
   * add-ons: its stack only reads the cluster (data sources) and creates nothing. Node
   * pools are described in `attrs.nodePools`, not added; catalog add-ons are installed
   * only when switched on in `attrs.addons`.
   */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: ImportedAksClusterAttributes): ICluster {
    return new ImportedAksCluster(scope, id, attrs);
  }

  public readonly cloud = Cloud.AZURE;
  public readonly location: string;
  public readonly resourceGroupName: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubeconfig: string;
  /** The underlying `azurerm_kubernetes_cluster`. */
  public readonly cluster: KubernetesCluster;
  /** Id of the subnet the nodes run in. */
  public readonly subnetId: string;
  /**
   * Subscription the cluster is created in.
   * @default - the Azure CLI's or `ARM_SUBSCRIPTION_ID`'s subscription
   */
  public readonly subscriptionId?: string;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id, props, KIND, Cloud.AZURE);
    const name = this.clusterName;
    const nameProblem = aksClusterNameProblem(name);
    if (nameProblem) invalid(KIND, this, `clusterName ${show(name)} is not a valid AKS cluster name: ${nameProblem}`);
    checkRegion(KIND, this, Cloud.AZURE, 'location', props.location);
    this.location = props.location;
    this.zones = props.zones ?? zonesOf(Cloud.AZURE, props.location) ?? ['1', '2', '3'];
    checkZones(KIND, this, Cloud.AZURE, props.location, 'zones', this.zones, /^[123]$/);
    this.subscriptionId = props.subscriptionId;
    new azurerm.AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: props.subscriptionId });

    this.resourceGroupName = props.resourceGroupName ?? `rg-${name}`;
    if (props.createResourceGroup ?? true) {
      this.resourceGroupName = new azurerm.ResourceGroup(this, 'resource-group', { name: this.resourceGroupName, location: props.location }).name;
    }
    const ranges = this.checkRanges(props);
    this.subnetId = props.existingSubnetId ?? new AksNetwork(this, 'network', {
      clusterName: name,
      location: props.location,
      resourceGroupName: this.resourceGroupName,
      addressSpace: ranges.addressSpace,
      nodesCidr: ranges.nodesCidr,
    }).subnetId;
    const endpointAccess = props.endpointAccess ?? EndpointAccess.PRIVATE;
    this._checkEndpointAccess(endpointAccess);
    const workspaceId = props.logAnalyticsWorkspaceId ?? new azurerm.LogAnalyticsWorkspace(this, 'logs', {
      name: `${name}-logs`, location: props.location, resourceGroupName: this.resourceGroupName, sku: 'PerGB2018', retentionInDays: 90,
    }).id;
    const secrets = new AksSecretsKey(this, 'secrets', {
      clusterName: name, location: props.location, resourceGroupName: this.resourceGroupName, existingKeyId: props.secretsKeyVaultKeyId,
    });
    const system = resolvePoolSpec('systemPool', this, { minSize: 2, maxSize: 5, ...props.systemPool }, DEFAULT_MACHINE_TYPE);
    // AKS keeps system pods on the system pool, so it never scales to zero (min_count ≥ 1).
    if (system.minSize < 1) invalid(KIND, this, `systemPool.minSize ${system.minSize} must be at least 1; the system pool runs CoreDNS and other system pods (use 2 or more)`);
    const cilium = this.networking.dataplane === Dataplane.CILIUM;
    // A user-assigned control-plane identity must manage the nodes' subnet (load balancers, routes):
    // Network Contributor on it, before the cluster is created.
    // https://learn.microsoft.com/azure/aks/configure-azure-cni#prerequisites
    const subnetAccess = new azurerm.RoleAssignment(this, 'control-plane-network-contributor', {
      scope: this.subnetId, roleDefinitionName: 'Network Contributor', principalId: secrets.identityPrincipalId,
    });

    const maintenance = props.maintenanceWindow ? aksMaintenanceSchedule(this, props.maintenanceWindow) : undefined;
    this.cluster = new azurerm.KubernetesCluster(this, 'cluster', {
      name,
      location: props.location,
      resourceGroupName: this.resourceGroupName,
      dnsPrefix: name.replace(/_/g, '-'),
      kubernetesVersion: this.kubernetesVersion.version,
      skuTier: 'Standard',
      automaticUpgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      privateClusterEnabled: !endpointAccess.publicAccess,
      apiServerAccessProfile: endpointAccess.publicAccess ? { authorizedIpRanges: endpointAccess.allowedCidrs } : undefined,
      localAccountDisabled: true,
      runCommandEnabled: false,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, adminGroupObjectIds: props.adminGroupObjectIds },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      identity: { type: 'UserAssigned', identityIds: [secrets.identityId] },
      keyManagementService: { keyVaultKeyId: secrets.keyId, keyVaultNetworkAccess: 'Public' },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: cilium ? 'cilium' : 'azure',
        networkDataPlane: cilium ? 'cilium' : 'azure',
        podCidr: ranges.podCidr,
        serviceCidr: ranges.serviceCidr,
        dnsServiceIp: subnetOf(ranges.serviceCidr, 32 - Number(ranges.serviceCidr.split('/')[1]), 10).split('/')[0],
      },
      defaultNodePool: {
        name: 'system',
        vmSize: system.machineType,
        autoScalingEnabled: true,
        minCount: system.minSize,
        maxCount: system.maxSize,
        nodeCount: system.desiredSize,
        osDiskSizeGb: system.diskSizeGib,
        osSku: 'AzureLinux',
        onlyCriticalAddonsEnabled: true,
        temporaryNameForRotation: 'systemtmp',
        vnetSubnetId: this.subnetId,
        zones: this.zones,
        nodeLabels: system.labels,
        upgradeSettings: { maxSurge: '33%' },
      },
      omsAgent: { logAnalyticsWorkspaceId: workspaceId, msiAuthForMonitoringEnabled: true },
      ...(maintenance ? { maintenanceWindowAutoUpgrade: maintenance, maintenanceWindowNodeOs: maintenance } : {}),
      lifecycle: { ignoreChanges: ['default_node_pool[0].node_count'] },
      dependsOn: [...secrets.grants, subnetAccess],
    });
    new AksContainerInsights(this, 'container-insights', {
      clusterName: name, clusterId: this.cluster.id, location: props.location, resourceGroupName: this.resourceGroupName, workspaceId,
    });
    // Azure RBAC with local accounts off: the identity that applies the add-ons stack (the deployer,
    // through kubelogin's Azure CLI login) needs a Kubernetes role, or every helm_release is forbidden.
    // https://learn.microsoft.com/azure/aks/manage-azure-rbac
    const client = new azurerm.DataAzurermClientConfig(this, 'deployer');
    new azurerm.RoleAssignment(this, 'deployer-rbac-cluster-admin', {
      scope: this.cluster.id, roleDefinitionName: 'Azure Kubernetes Service RBAC Cluster Admin', principalId: client.objectId,
    });
    new azurerm.MonitorDiagnosticSetting(this, 'audit-logs', {
      name: 'audit',
      targetResourceId: this.cluster.id,
      logAnalyticsWorkspaceId: workspaceId,
      enabledLog: AUDIT_CATEGORIES.map(category => ({ category })),
    });

    const kubeConfig = this.cluster.kubeConfig.get(0);
    this.endpoint = kubeConfig.host;
    this.certificateAuthorityData = kubeConfig.clusterCaCertificate;
    this.oidcIssuerUrl = this.cluster.oidcIssuerUrl;
    const exec = this._kubeconfigExec();
    this.kubeconfig = execKubeconfig(name, this.endpoint, this.certificateAuthorityData, exec.command, exec.args);
    this.addOutputs();
  }

  /** @internal */
  public _kubeconfigExec(): KubeconfigExec {
    return aksKubeconfigExec();
  }

  /** @internal */
  public _provideCapability(capability: Capability): string | undefined {
    const cilium = this.networking.dataplane === Dataplane.CILIUM;
    switch (capability) {
      case Capability.NETWORK_POLICY:
        return cilium ? 'Azure CNI powered by Cilium (network_policy cilium)' : 'Azure Network Policy Manager (network_policy azure)';
      case Capability.BLOCK_STORAGE:
        return 'Azure Disk CSI driver (AKS default, StorageClass managed-csi)';
      case Capability.METRICS:
        return 'AKS metrics-server (built in)';
      default:
        return undefined;
    }
  }

  /** @internal */
  public _capabilityHint(capability: Capability): string {
    switch (capability) {
      case Capability.GATEWAY_API:
        return 'AKS installs no Gateway API implementation by default; install one (e.g. Application Gateway for Containers or ' +
          'Envoy Gateway) and declare it with provides: [Capability.GATEWAY_API]';
      case Capability.SANDBOX_RUNTIME:
        return 'create an AKS Pod Sandboxing (Kata) node pool outside the fleet and declare it with provides: [Capability.SANDBOX_RUNTIME]';
      default:
        return super._capabilityHint(capability);
    }
  }

  /** @internal */
  protected _hasSystemPool(): boolean {
    return true;
  }

  /** @internal */
  protected _defaultMachineType(): string {
    return DEFAULT_MACHINE_TYPE;
  }

  /** @internal */
  protected _poolNameProblem(id: string): string | undefined {
    return aksNodePoolNameProblem(id) ?? (id === 'system' ? "'system' is the name of the system pool" : undefined);
  }

  /** @internal */
  protected _buildPool(id: string, spec: PoolSpec): INodePool {
    return new AksNodePool(this, id, spec, { clusterId: this.cluster.id, subnetId: this.subnetId, zones: this.zones });
  }

  private checkRanges(props: AksClusterProps): Required<AksNetworkOptions> {
    const ranges = {
      addressSpace: props.network?.addressSpace ?? '10.224.0.0/12',
      nodesCidr: props.network?.nodesCidr ?? '10.224.0.0/16',
      podCidr: props.network?.podCidr ?? '10.244.0.0/16',
      serviceCidr: props.network?.serviceCidr ?? '10.0.0.0/16',
    };
    Object.entries(ranges).forEach(([what, cidr]) => this._checkCidr(`network.${what}`, cidr));
    if (!props.existingSubnetId && !cidrContains(ranges.addressSpace, ranges.nodesCidr)) {
      invalid(KIND, this, `network.nodesCidr '${ranges.nodesCidr}' is not inside network.addressSpace '${ranges.addressSpace}'`);
    }
    const overlap = findOverlap([props.existingSubnetId ? ranges.nodesCidr : ranges.addressSpace, ranges.podCidr, ranges.serviceCidr]);
    if (overlap) invalid(KIND, this, `network ranges '${overlap[0]}' and '${overlap[1]}' overlap; the virtual network, pods and services need disjoint ranges`);
    return ranges;
  }

  private addOutputs(): void {
    new TerraformOutput(this, 'cluster_name', { value: this.cluster.name, description: 'AKS cluster name' });
    new TerraformOutput(this, 'endpoint', { value: this.endpoint, description: 'API server endpoint', sensitive: true });
    new TerraformOutput(this, 'certificate_authority_data', { value: this.certificateAuthorityData, description: 'Base64 cluster CA certificate', sensitive: true });
    new TerraformOutput(this, 'oidc_issuer_url', { value: this.oidcIssuerUrl, description: 'OIDC issuer for workload identity' });
    new TerraformOutput(this, 'kubeconfig', { value: this.kubeconfig, description: 'kubeconfig using kubelogin', sensitive: true });
  }
}
