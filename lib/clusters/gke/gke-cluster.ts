import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleBetaProvider } from './gke-beta-provider';
import { GkeNetwork } from './gke-network';
import { GkeNetworkRefs } from './gke-network-refs';
import { GkeNodePool } from './gke-node-pool';
import { google } from './gke-resources';
import { ImportedGkeClusterAttributes } from './imported-gke-attributes';
import { ImportedGkeCluster } from './imported-gke-cluster';
import { Capability } from '../../core/capability';
import { findOverlap } from '../../core/cidr';
import { Cloud } from '../../core/cloud';
import { checkEnum, invalid, show } from '../../core/errors';
import { SANDBOX_POOL_LABEL } from '../../core/gke-sandbox';
import { GpuDriver } from '../../core/gpu/sharing';
import { gkeNameProblem } from '../../core/names';
import { tagsAt } from '../../core/tags';
import { ICluster, INodePool, NodePoolOptions } from '../cluster';
import { ClusterProps, ClusterStack, KubeconfigExec } from '../cluster-stack';
import { EndpointAccess } from '../endpoint-access';
import { execKubeconfig } from '../kubeconfig';
import { Dataplane } from '../networking';
import { PoolSpec } from '../node-pool-spec';
import { checkRegion, checkZones } from '../region-check';

function isSandboxPool(pool: INodePool): boolean {
  return pool.labels[SANDBOX_POOL_LABEL] === 'gvisor';
}

/** GKE release channel: how fast the control plane and nodes follow new versions. */
export enum ReleaseChannel {
  /** Newest versions first. */
  RAPID = 'RAPID',
  /** The default balance of features and stability. */
  REGULAR = 'REGULAR',
  /** Versions that have been in REGULAR for a while. */
  STABLE = 'STABLE',
}

/** Address ranges of the network a GKE cluster creates. */
export interface GkeNetworkOptions {
  /**
   * Primary range of the nodes' subnetwork.
   * @default '10.10.0.0/20'
   */
  readonly nodesCidr?: string;
  /**
   * Secondary range for pods.
   * @default '10.16.0.0/14'
   */
  readonly podsCidr?: string;
  /**
   * Secondary range for services.
   * @default '10.20.0.0/20'
   */
  readonly servicesCidr?: string;
}

/** Properties of a GKE cluster. */
export interface GkeClusterProps extends ClusterProps {
  /** Google Cloud project id. */
  readonly project: string;
  /** Region, e.g. `us-central1`. */
  readonly region: string;
  /**
   * A zone of the region for a zonal cluster (one control-plane replica).
   * @default - a regional cluster (control plane replicated over the region's zones)
   */
  readonly zone?: string;
  /**
   * Zones of the region for the nodes.
   * @default - GKE's choice (three zones of the region; the cluster's zone when zonal)
   */
  readonly nodeZones?: string[];
  /**
   * Address ranges of the network to create. Ignored with `existingNetwork`.
   * @default - see GkeNetworkOptions
   */
  readonly network?: GkeNetworkOptions;
  /**
   * Run in an existing VPC-native subnetwork instead of creating a network.
   * @default - a network, subnetwork, router and Cloud NAT are created
   */
  readonly existingNetwork?: GkeNetworkRefs;
  /**
   * Who can reach the API server. Nodes are always private.
   * @default EndpointAccess.PRIVATE
   */
  readonly endpointAccess?: EndpointAccess;
  /**
   * /28 range for the control plane's private endpoint.
   * @default '172.16.0.0/28'
   */
  readonly masterIpv4CidrBlock?: string;
  /**
   * Release channel.
   * @default ReleaseChannel.REGULAR
   */
  readonly releaseChannel?: ReleaseChannel;
  /**
   * Cloud KMS crypto key (`projects/.../cryptoKeys/...`) for application-layer secrets encryption.
   * @default - a key ring and a key rotated every 90 days are created, and GKE is granted use of it
   */
  readonly secretsKmsKey?: string;
  /**
   * Protect the cluster from `terraform destroy`.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Let clients in every region of the VPC (and networks connected to it) reach the
   * private control-plane endpoint, not only clients in the cluster's own region.
   * See https://cloud.google.com/kubernetes-engine/docs/how-to/latest/network-isolation
   * @default false
   */
  readonly masterGlobalAccess?: boolean;
  /**
   * Enforce the project's Binary Authorization policy: pods run only images the policy
   * admits (`binary_authorization.evaluation_mode = PROJECT_SINGLETON_POLICY_ENFORCE`).
   * The project needs the Binary Authorization API and a policy.
   * See https://cloud.google.com/binary-authorization/docs/setting-up
   * @default false
   */
  readonly binaryAuthorization?: boolean;
}

const KIND = 'gkeCluster';
const DEFAULT_MACHINE_TYPE = 'e2-standard-4';
const NODE_ROLES = ['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadata.writer', 'roles/artifactregistry.reader'];
const LOG_COMPONENTS = ['SYSTEM_COMPONENTS', 'WORKLOADS', 'APISERVER', 'CONTROLLER_MANAGER', 'SCHEDULER'];

/**
 * A Google Kubernetes Engine (Standard) cluster in its own Terraform stack:
 * VPC-native networking, private nodes and a private endpoint, a release channel,
 * Workload Identity, shielded nodes, Cloud KMS secrets encryption, network policy
 * (Calico, or Dataplane V2 with `ClusterNetworking.cilium()`), control-plane logs,
 * and the default node pool removed in favour of managed pools.
 *
 * Replacement: changing the name, location, network, the private endpoint or the
 * dataplane replaces the cluster.
 */
export class GkeCluster extends ClusterStack {
  /**
   * An existing GKE cluster the fleet did not build, as a target for workloads and
   * add-ons: its stack only reads the cluster (data sources) and creates nothing. Node
   * pools are described in `attrs.nodePools`, not added; catalog add-ons are installed
   * only when switched on in `attrs.addons`.
   */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: ImportedGkeClusterAttributes): ICluster {
    return new ImportedGkeCluster(scope, id, attrs);
  }

  public readonly cloud = Cloud.GCP;
  public readonly project: string;
  public readonly region: string;
  /** Where the control plane runs: the region, or the zone of a zonal cluster. */
  public readonly location: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubeconfig: string;
  /** The Workload Identity pool (`<project>.svc.id.goog`). */
  public readonly workloadPool: string;
  /** The network the cluster runs in. */
  public readonly network: GkeNetworkRefs;
  /** The underlying `google_container_cluster`. */
  public readonly cluster: ContainerCluster;
  /** Email of the node pools' service account. */
  public readonly nodeServiceAccount: string;
  private readonly nodeZones?: string[];
  private betaProvider?: GoogleBetaProvider;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id, props, KIND, Cloud.GCP);
    const name = this.clusterName;
    const nameProblem = gkeNameProblem(name);
    if (nameProblem) invalid(KIND, this, `clusterName ${show(name)} is not a valid GKE cluster name: ${nameProblem}`);
    if (!/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(props.project ?? '')) {
      invalid(KIND, this, `project ${show(props.project)} is not a Google Cloud project id (6-30 lowercase letters, digits and '-', starting with a letter)`);
    }
    checkRegion(KIND, this, Cloud.GCP, 'region', props.region);
    checkEnum(KIND, this, 'releaseChannel', props.releaseChannel, ReleaseChannel, 'ReleaseChannel');
    this.project = props.project;
    this.region = props.region;
    checkZones(KIND, this, Cloud.GCP, props.region, 'zone', props.zone !== undefined ? [props.zone] : [], new RegExp(`^${props.region}-[a-z]$`));
    checkZones(KIND, this, Cloud.GCP, props.region, 'nodeZones', props.nodeZones ?? [], new RegExp(`^${props.region}-[a-z]$`));
    this.location = props.zone ?? props.region;
    this.nodeZones = props.nodeZones;
    this.workloadPool = `${props.project}.svc.id.goog`;
    new google.GoogleProvider(this, 'google', { project: props.project, region: props.region });

    this.network = props.existingNetwork ?? this.createNetwork(props);
    const endpointAccess = props.endpointAccess ?? EndpointAccess.PRIVATE;
    const masterCidr = props.masterIpv4CidrBlock ?? '172.16.0.0/28';
    this._checkCidr('masterIpv4CidrBlock', masterCidr);
    if (!masterCidr.endsWith('/28')) invalid(KIND, this, `masterIpv4CidrBlock '${masterCidr}' must be a /28`);
    this._checkEndpointAccess(endpointAccess);

    const secretsKey = props.secretsKmsKey ? { keyName: props.secretsKmsKey, grants: [] } : this.createSecretsKey(name);
    const serviceAccount = new google.ServiceAccount(this, 'node-service-account', {
      accountId: `${name.slice(0, 24).replace(/-+$/, '')}-nodes`,
      displayName: `GKE nodes of ${name}`,
    });
    NODE_ROLES.forEach(role => new google.ProjectIamMember(this, `node-${role.split('/')[1].replace(/\./g, '-')}`, {
      project: props.project, role, member: `serviceAccount:${serviceAccount.email}`,
    }));
    this.nodeServiceAccount = serviceAccount.email;

    const cilium = this.networking.dataplane === Dataplane.CILIUM;
    this.cluster = new google.ContainerCluster(this, 'cluster', {
      name,
      location: this.location,
      nodeLocations: props.nodeZones,
      minMasterVersion: this.kubernetesVersion.version,
      releaseChannel: { channel: props.releaseChannel ?? ReleaseChannel.REGULAR },
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: props.deletionProtection ?? true,
      network: this.network.network,
      subnetwork: this.network.subnetwork,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: {
        clusterSecondaryRangeName: this.network.podsRangeName,
        servicesSecondaryRangeName: this.network.servicesRangeName,
      },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: !endpointAccess.publicAccess,
        masterIpv4CidrBlock: masterCidr,
        ...(props.masterGlobalAccess ? { masterGlobalAccessConfig: { enabled: true } } : {}),
      },
      ...(props.binaryAuthorization ? { binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' } } : {}),
      masterAuthorizedNetworksConfig: {
        cidrBlocks: endpointAccess.allowedCidrs.map(cidrBlock => ({ cidrBlock, displayName: `allowed ${cidrBlock}` })),
      },
      workloadIdentityConfig: { workloadPool: this.workloadPool },
      enableShieldedNodes: true,
      databaseEncryption: { state: 'ENCRYPTED', keyName: secretsKey.keyName },
      ...(cilium
        ? { datapathProvider: 'ADVANCED_DATAPATH' }
        : { networkPolicy: { enabled: true, provider: 'CALICO' }, addonsConfig: { networkPolicyConfig: { disabled: false } } }),
      loggingConfig: { enableComponents: LOG_COMPONENTS },
      lifecycle: { ignoreChanges: ['initial_node_count'] },
      dependsOn: secretsKey.grants,
    });

    this.endpoint = `https://${this.cluster.endpoint}`;
    this.certificateAuthorityData = this.cluster.masterAuth.clusterCaCertificate;
    this.oidcIssuerUrl = `https://container.googleapis.com/v1/projects/${props.project}/locations/${this.location}/clusters/${name}`;
    const exec = this._kubeconfigExec();
    this.kubeconfig = execKubeconfig(name, this.endpoint, this.certificateAuthorityData, exec.command, exec.args);
    this.addOutputs();
  }

  /** @internal */
  public _kubeconfigExec(): KubeconfigExec {
    return { command: 'gke-gcloud-auth-plugin', args: [] };
  }

  /** @internal */
  public _provideCapability(capability: Capability): string | undefined {
    const cilium = this.networking.dataplane === Dataplane.CILIUM;
    switch (capability) {
      case Capability.NETWORK_POLICY:
        return cilium ? 'GKE Dataplane V2 (datapath_provider ADVANCED_DATAPATH)' : 'Calico network policy (network_policy CALICO)';
      case Capability.GATEWAY_API:
        // GKE's own Gateway controller: the Standard channel installs the v1 CRDs and the gke-l7-* GatewayClasses.
        // https://cloud.google.com/kubernetes-engine/docs/how-to/deploying-gateways#enable-gateway
        this.cluster.putGatewayApiConfig({ channel: 'CHANNEL_STANDARD' });
        return 'GKE Gateway controller (gateway_api_config CHANNEL_STANDARD, GatewayClasses gke-l7-*)';
      case Capability.SANDBOX_RUNTIME: {
        const pools = this.pools.filter(isSandboxPool).map(p => p.poolName);
        return pools.length > 0 ? `GKE Sandbox node pool${pools.length > 1 ? 's' : ''} ${pools.join(', ')} (sandbox_config gvisor, RuntimeClass gvisor)` : undefined;
      }
      case Capability.BLOCK_STORAGE:
        return 'Compute Engine persistent disk CSI driver (GKE default, StorageClass standard-rwo)';
      case Capability.METRICS:
        return 'GKE metrics-server (built in)';
      case Capability.GPU_DEVICE_PLUGIN:
        // NVIDIA's and Google's GKE recipe: GKE installs the driver and its device plugin; no GPU Operator beside them.
        // https://cloud.google.com/kubernetes-engine/docs/how-to/gpu-operator
        return this.pools.filter(p => p.gpu).every(p => p.gpu!.driver === GpuDriver.CLOUD_MANAGED)
          ? 'GKE-managed NVIDIA driver and device plugin (gpu_driver_installation_config LATEST)' : undefined;
      default:
        return undefined;
    }
  }

  /** @internal */
  public _capabilityHint(capability: Capability): string {
    switch (capability) {
      case Capability.GPU_DEVICE_PLUGIN:
        return 'use GpuDriver.CLOUD_MANAGED on GKE: GKE installs the driver and the device plugin, and cdk-fleet does not install ' +
          'the NVIDIA GPU Operator beside them (https://cloud.google.com/kubernetes-engine/docs/how-to/gpu-operator)';
      case Capability.SANDBOX_RUNTIME:
        return 'add a GKE Sandbox pool with addSandboxNodePool(id) (node_config.sandbox_config gvisor), or create one outside the fleet ' +
          'and declare it with provides: [Capability.SANDBOX_RUNTIME]';
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
    return gkeNameProblem(id);
  }

  /**
   * Adds a GKE Sandbox node pool: its nodes run pods with `runtimeClassName: gvisor` in gVisor
   * (`node_config.sandbox_config { sandbox_type = "gvisor" }`, set through the google-beta
   * provider, which alone has it in provider 6.50). GKE labels and taints the nodes
   * `sandbox.gke.io/runtime=gvisor` and keeps other pods off them, and its `gvisor` RuntimeClass
   * schedules sandboxed pods there; the cluster needs another, non-sandbox pool for system pods
   * (https://cloud.google.com/kubernetes-engine/docs/how-to/sandbox-pods). Provides
   * Capability.SANDBOX_RUNTIME for `AgentService` `sandbox: true`.
   */
  public addSandboxNodePool(id: string, options: NodePoolOptions = {}): INodePool {
    if (options.wasmShim !== undefined) invalid(KIND, this, `addSandboxNodePool('${id}'): wasmShim and GKE Sandbox exclude each other; use two pools`);
    if (this.pools.length === 0 || this.pools.every(isSandboxPool)) {
      this.node.addValidation({
        validate: () => this.pools.every(isSandboxPool)
          ? [`${KIND}: every node pool is a GKE Sandbox pool; GKE runs its system pods outside the sandbox, so add a pool with addNodePool()`] : [],
      });
    }
    this.betaProvider ??= new GoogleBetaProvider(this, 'google-beta', this.project, this.region);
    return this.addNodePool(id, { ...options, labels: { ...(options.labels ?? {}), [SANDBOX_POOL_LABEL]: 'gvisor' } });
  }

  /** @internal */
  protected _buildPool(id: string, spec: PoolSpec): INodePool {
    return new GkeNodePool(this, id, spec, {
      ...(spec.labels[SANDBOX_POOL_LABEL] === 'gvisor' ? { sandboxProvider: this.betaProvider } : {}),
      clusterId: this.cluster.id,
      location: this.location,
      zonesPerPool: this.nodeZones?.length ?? (this.location === this.region ? 3 : 1),
      serviceAccount: this.nodeServiceAccount,
      resourceLabels: tagsAt(this),
    });
  }

  private createNetwork(props: GkeClusterProps): GkeNetworkRefs {
    const ranges = {
      nodesCidr: props.network?.nodesCidr ?? '10.10.0.0/20',
      podsCidr: props.network?.podsCidr ?? '10.16.0.0/14',
      servicesCidr: props.network?.servicesCidr ?? '10.20.0.0/20',
    };
    Object.entries(ranges).forEach(([what, cidr]) => this._checkCidr(`network.${what}`, cidr));
    const overlap = findOverlap([...Object.values(ranges), props.masterIpv4CidrBlock ?? '172.16.0.0/28']);
    if (overlap) invalid(KIND, this, `network ranges '${overlap[0]}' and '${overlap[1]}' overlap; nodes, pods, services and the control plane need disjoint ranges`);
    return new GkeNetwork(this, 'network', { clusterName: this.clusterName, region: props.region, ...ranges });
  }

  private createSecretsKey(name: string): { keyName: string; grants: ITerraformDependable[] } {
    const project = new google.DataGoogleProject(this, 'project', { projectId: this.project });
    const ring = new google.KmsKeyRing(this, 'key-ring', { name: `${name}-secrets`, location: this.region });
    const key = new google.KmsCryptoKey(this, 'secrets-key', {
      name: `${name}-secrets`,
      keyRing: ring.id,
      rotationPeriod: '7776000s',
      lifecycle: { preventDestroy: true },
    });
    const grant = new google.KmsCryptoKeyIamMember(this, 'secrets-key-gke-access', {
      cryptoKeyId: key.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:service-${project.number}@container-engine-robot.iam.gserviceaccount.com`,
    });
    return { keyName: key.id, grants: [grant] };
  }

  private addOutputs(): void {
    new TerraformOutput(this, 'cluster_name', { value: this.cluster.name, description: 'GKE cluster name' });
    new TerraformOutput(this, 'endpoint', { value: this.endpoint, description: 'API server endpoint' });
    new TerraformOutput(this, 'certificate_authority_data', { value: this.certificateAuthorityData, description: 'Base64 cluster CA certificate' });
    new TerraformOutput(this, 'oidc_issuer_url', { value: this.oidcIssuerUrl, description: 'OIDC issuer of the cluster\'s service account tokens' });
    new TerraformOutput(this, 'kubeconfig', { value: this.kubeconfig, description: 'kubeconfig using gke-gcloud-auth-plugin' });
  }
}
