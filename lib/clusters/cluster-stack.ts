import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IAddon } from './addon';
import { ClusterAddonOptions } from './addon-options';
import { GpuNodePoolOptions, ICluster, INodePool, NodePoolOptions } from './cluster';
import { EndpointAccess } from './endpoint-access';
import { HelmChartOptions } from './helm-chart';
import { HelmChartAddon } from './helm-chart-addon';
import { ClusterNetworking } from './networking';
import { PoolSpec, resolveGpuPoolSpec, resolvePoolSpec } from './node-pool-spec';
import { Capability } from '../core/capability';
import { constantName } from '../core/capability-name';
import { cidrProblem } from '../core/cidr';
import { Cloud } from '../core/cloud';
import { assertUniqueChildId, invalid, show } from '../core/errors';
import { KubernetesVersion } from '../core/kubernetes-version';
import { labelProblem } from '../core/names';
import { addTags, tagProblem } from '../core/tags';

const SERVICE_NAMES: Record<Cloud, string> = { [Cloud.AWS]: 'EKS', [Cloud.GCP]: 'GKE', [Cloud.AZURE]: 'AKS' };

/** Properties every cluster accepts, whatever the cloud. */
export interface ClusterProps {
  /**
   * The cluster's name in the cloud.
   * @default - the construct id
   */
  readonly clusterName?: string;
  /**
   * Kubernetes version of the control plane, checked against the cloud's catalog.
   * @default KubernetesVersion.DEFAULT
   */
  readonly kubernetesVersion?: KubernetesVersion;
  /**
   * Pod networking dataplane.
   * @default ClusterNetworking.cloudDefault()
   */
  readonly networking?: ClusterNetworking;
  /**
   * Tags (AWS/Azure) or labels (GCP) for every resource of this cluster, on top of
   * the fleet's tags. Keys and values use the rules every cloud accepts
   * (lowercase letters, digits, '-' and '_').
   * @default - only the fleet's tags
   */
  readonly tags?: { [key: string]: string };
  /**
   * Placement labels: workloads select clusters by them (`clusterSelector`), e.g.
   * `{ region: 'us', tier: 'gpu' }`. Keys and values follow the Kubernetes label rules.
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * In-cluster add-ons installed by the `<cluster>-addons` stack.
   * @default - decided from the fleet (see ClusterAddonOptions)
   */
  readonly addons?: ClusterAddonOptions;
  /**
   * Capabilities the team installs on the cluster itself, outside the fleet (e.g. a
   * Gateway API implementation). Synthesis trusts them and installs nothing for them.
   * @default - none: every capability a workload needs comes from the cluster's settings or the fleet's add-ons
   */
  readonly provides?: Capability[];
}

/** The exec credential plugin a kubeconfig or provider uses to authenticate. */
export interface KubeconfigExec {
  /** Command, e.g. `aws`. */
  readonly command: string;
  /** Arguments of the command. */
  readonly args: string[];
}

/** Add-ons each cloud installs itself, so the add-ons stack must not. */
const CLOUD_BUILT_IN: Record<string, Cloud[]> = {
  cilium: [Cloud.GCP, Cloud.AZURE],
  metricsServer: [Cloud.GCP, Cloud.AZURE],
  clusterAutoscaler: [Cloud.GCP, Cloud.AZURE],
  karpenter: [Cloud.GCP, Cloud.AZURE],
  envoyGateway: [Cloud.GCP],
};

/**
 * Base of every cluster: one Terraform stack (`terraform/<id>/`) holding the
 * cluster, its network and its node pools.
 */
export abstract class ClusterStack extends TerraformStack implements ICluster {
  public abstract readonly cloud: Cloud;
  public readonly clusterName: string;
  public readonly kubernetesVersion: KubernetesVersion;
  /** Pod networking dataplane. */
  public readonly networking: ClusterNetworking;
  /** Placement labels workloads select the cluster by. */
  public readonly labels: { [key: string]: string };
  /** Add-on switches as given (unset ones are decided at synth). */
  public readonly addons: ClusterAddonOptions;
  /** Capabilities declared as installed outside the fleet (`provides`). */
  public readonly provides: Capability[];
  public abstract readonly endpoint: string;
  public abstract readonly certificateAuthorityData: string;
  public abstract readonly oidcIssuerUrl: string;
  public abstract readonly kubeconfig: string;
  protected readonly pools: INodePool[] = [];
  private readonly kindName: string;
  private readonly added: IAddon[] = [];
  private capabilitySources: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: ClusterProps, kind: string, cloud: Cloud) {
    super(checkedScope(kind, scope, id), id);
    this.kindName = kind;
    this.clusterName = props.clusterName ?? id;
    this.kubernetesVersion = props.kubernetesVersion ?? KubernetesVersion.DEFAULT;
    this.networking = props.networking ?? ClusterNetworking.cloudDefault();
    const version = this.kubernetesVersion;
    if (!version.isWellFormed) {
      invalid(kind, this, `kubernetesVersion '${version.version}' is not a Kubernetes minor version; use the form 1.NN (e.g. 1.34)`);
    }
    if (!version.isOfferedBy(cloud)) {
      invalid(kind, this, `kubernetesVersion '${version.version}' is not offered by ${cloud}; supported: ${KubernetesVersion.offeredBy(cloud).join(', ')}`);
    }
    for (const [key, value] of Object.entries(props.tags ?? {})) {
      const problem = tagProblem(key, value);
      if (problem) invalid(kind, this, `tag ${problem}`);
    }
    addTags(this, props.tags);
    this.labels = { ...(props.labels ?? {}) };
    for (const [key, value] of Object.entries(this.labels)) {
      const problem = labelProblem(key, value);
      if (problem) invalid(kind, this, `label ${show(key)}=${show(value)} is not a valid Kubernetes label: ${problem}`);
    }
    this.addons = { ...(props.addons ?? {}) };
    for (const [name, clouds] of Object.entries(CLOUD_BUILT_IN)) {
      if ((this.addons as Record<string, unknown>)[name] === true && clouds.includes(cloud)) {
        const only = clouds.length === 1 ? 'EKS and AKS' : 'EKS';
        invalid(kind, this, `addons.${name} is for ${only} only; ${SERVICE_NAMES[cloud]} provides its own (leave it unset or false)`);
      }
    }
    this.provides = [...(props.provides ?? [])];
    const unknown = this.provides.find(c => !Capability.all().includes(c));
    if (unknown !== undefined) invalid(kind, this, `provides ${show((unknown as any)?.name ?? unknown)} is not a Capability; use e.g. Capability.GATEWAY_API`);
    if (this.addons.karpenter && this.addons.clusterAutoscaler) {
      invalid(kind, this, 'addons.karpenter and addons.clusterAutoscaler exclude each other; choose one node autoscaler');
    }
    this.node.addValidation({
      validate: () => this.pools.length > 0 || this._hasSystemPool() ? [] : [
        `${kind} has no node pools and no node autoprovisioning, so no pod could ever be scheduled; add one with addNodePool() or addGpuNodePool()`,
      ],
    });
  }

  /** Node pools added so far. */
  public get nodePools(): INodePool[] {
    return [...this.pools];
  }

  /** Adds a node pool (see `NodePoolOptions`). */
  public addNodePool(id: string, options: NodePoolOptions = {}): INodePool {
    return this.createPool('nodePool', id, probe => resolvePoolSpec('nodePool', probe, options, this._defaultMachineType()));
  }

  /** Adds a GPU node pool, lowered through the GPU catalog to this cloud's machines. */
  public addGpuNodePool(id: string, options: GpuNodePoolOptions): INodePool {
    return this.createPool('gpuNodePool', id, probe => resolveGpuPoolSpec('gpuNodePool', probe, this.cloud, options));
  }

  /**
   * Adds an add-on to the cluster's `<cluster>-addons` stack (installed after the cluster
   * and its pod network add-on). Its `provides` satisfy the needs of workloads placed here.
   */
  public addAddon(addon: IAddon): void {
    const name = addon?.addonName;
    if (typeof name !== 'string' || !/^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/.test(name) || name.length > 63) {
      invalid(this.kindName, this, `addAddon: add-on name ${show(name)} is not valid; use letters, digits and '-' (at most 63 characters)`);
    }
    if (typeof addon.install !== 'function') invalid(this.kindName, this, `addAddon: add-on '${name}' has no install() method`);
    for (const [what, list] of [['provides', addon.provides], ['requires', addon.requires]] as const) {
      if (!Array.isArray(list)) invalid(this.kindName, this, `addAddon: add-on '${name}' ${what} must be a list of Capability values (may be empty)`);
      const unknown = list.find(c => !Capability.all().includes(c));
      if (unknown !== undefined) invalid(this.kindName, this, `addAddon: add-on '${name}' ${what} ${show((unknown as any)?.name ?? unknown)} is not a Capability; use e.g. Capability.GATEWAY_API`);
    }
    if (this.added.some(a => a.addonName === name)) {
      invalid(this.kindName, this, `addAddon: an add-on named '${name}' was already added; add-on names must be unique per cluster`);
    }
    this.added.push(addon);
  }

  /**
   * Adds a Helm chart as an add-on (chart, repository, exact version, namespace, values),
   * checked here; the release is named `id` unless `releaseName` says otherwise.
   */
  public addHelmChart(id: string, options: HelmChartOptions): IAddon {
    const addon = new HelmChartAddon(`helmChart '${this.node.path}/${id}'`, id, options);
    this.addAddon(addon);
    return addon;
  }

  /**
   * The add-ons added with addAddon/addHelmChart, in order.
   * @internal
   */
  public _addedAddons(): IAddon[] {
    return [...this.added];
  }

  /**
   * The exec credential plugin that authenticates to this cluster's API server
   * (the cloud's CLI; no credentials in the configuration).
   * @internal
   */
  public abstract _kubeconfigExec(): KubeconfigExec;

  /**
   * Whether the cluster was built outside the fleet and imported (`fromClusterAttributes`):
   * the fleet installs no add-on on it by itself.
   * @internal
   */
  public _isImported(): boolean {
    return false;
  }

  /**
   * What in the cluster's own settings provides `capability`, turning a setting on when
   * needed (called at synth only for capabilities a placed workload needs); undefined
   * when the cloud cannot provide it by itself (an add-on or `provides` must).
   * @internal
   */
  public _provideCapability(_capability: Capability): string | undefined {
    return undefined;
  }

  /**
   * How a user provides `capability` on this cloud when neither the cluster's settings
   * nor the fleet's add-ons do (the end of a synth error).
   * @internal
   */
  public _capabilityHint(capability: Capability): string {
    const declare = `declare it with provides: [Capability.${constantName(capability)}]`;
    if (capability === Capability.WASM_SHIM) {
      return `install the shim on the Wasm pools' nodes (e.g. SpinKube's runtime-class-manager or the KWasm operator) and ${declare}`;
    }
    return `install it on the cluster yourself and ${declare}`;
  }

  /**
   * Records what provides each capability the cluster's workloads need (for manifest.json).
   * @internal
   */
  public _setCapabilitySources(sources: Record<string, string>): void {
    this.capabilitySources = { ...sources };
  }

  /**
   * Fails with a clear message when `cidr` is not a canonical IPv4 block.
   * @internal
   */
  protected _checkCidr(what: string, cidr: string): void {
    const problem = cidrProblem(cidr);
    if (problem) invalid(this.kindName, this, `${what} ${show(cidr)} is not a valid IPv4 CIDR block: ${problem}`);
  }

  /**
   * Checks the allowed CIDRs of a public endpoint (at least one, each valid).
   * @internal
   */
  protected _checkEndpointAccess(access: EndpointAccess): void {
    access.allowedCidrs.forEach(c => this._checkCidr('endpointAccess allowed CIDR', c));
    if (access.publicAccess && access.allowedCidrs.length === 0) {
      invalid(this.kindName, this, 'endpointAccess.publicAndPrivate() needs at least one allowed CIDR (e.g. your VPN egress range); use EndpointAccess.PRIVATE for no public endpoint');
    }
  }

  /**
   * Whether the cluster always has nodes of its own (AKS's system pool).
   * @internal
   */
  protected _hasSystemPool(): boolean {
    return false;
  }

  /**
   * The cloud's general-purpose machine type for pools that name none.
   * @internal
   */
  protected abstract _defaultMachineType(): string;

  /**
   * Returns why `id` cannot be a node pool name on this cloud, or undefined.
   * @internal
   */
  protected abstract _poolNameProblem(id: string): string | undefined;

  /**
   * Creates the cloud's node pool construct from a checked spec.
   * @internal
   */
  protected abstract _buildPool(id: string, spec: PoolSpec): INodePool;

  private createPool(kind: string, id: string, resolve: (probe: Construct) => PoolSpec): INodePool {
    assertUniqueChildId(kind, this, id);
    // Everything is checked against a stand-in first, so a rejected pool leaves no half-built construct.
    const probe = { node: { path: `${this.node.path}/${id}` } } as unknown as Construct;
    const nameProblem = this._poolNameProblem(id);
    if (nameProblem) invalid(kind, probe, `id '${id}' is not a valid ${SERVICE_NAMES[this.cloud]} node pool name: ${nameProblem}`);
    const pool = this._buildPool(id, resolve(probe));
    this.pools.push(pool);
    return pool;
  }

  /** A summary of the cluster for manifest.json. */
  public describe(): { [key: string]: any } {
    return {
      cloud: this.cloud,
      name: this.clusterName,
      kubernetesVersion: this.kubernetesVersion.version,
      dataplane: this.networking.dataplane,
      ...(Object.keys(this.capabilitySources).length > 0 ? { capabilities: { ...this.capabilitySources } } : {}),
      ...(Object.keys(this.labels).length > 0 ? { labels: { ...this.labels } } : {}),
      nodePools: this.pools.map(p => ({
        name: p.poolName,
        machineType: p.machineType,
        minSize: p.minSize,
        maxSize: p.maxSize,
        spot: p.spot,
        ...(p.gpu ? {
          gpu: {
            accelerator: p.gpu.accelerator.name,
            gpusPerNode: p.gpu.gpusPerNode,
            gpuMemoryGib: p.gpu.gpuMemoryGib,
            sharing: p.gpu.sharing.strategy,
            devicePluginConfig: p.gpu.sharing.devicePluginConfig,
            driver: p.gpu.driver,
          },
        } : {}),
      })),
    };
  }
}

function checkedScope(kind: string, scope: Construct, id: string): Construct {
  assertUniqueChildId(kind, scope, id);
  return scope;
}
