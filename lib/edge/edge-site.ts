import { Construct } from 'constructs';
import { CpuArch, EdgeSiteGpu, EdgeSiteProps, SiteConnectivity } from './edge-options';
import { invalid, show } from '../core/errors';
import { dns1123LabelProblem, labelProblem, labelValueProblem } from '../core/names';

const KIND = 'edgeSite';
const CHANNEL = /^(stable|latest|testing|v1\.\d{2})$/;
const REGISTRY_HOST = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?$/;

/**
 * One edge site: a small k3s cluster whose bundle is `edge/<name>/`. Created by an
 * `EdgeFleet` (`addSite`, `sites`, or an inventory file).
 */
export class EdgeSite extends Construct {
  /** Site name. */
  public readonly siteName: string;
  /** Labels of the site. */
  public readonly labels: { [key: string]: string };
  /** CPU architecture. */
  public readonly arch: CpuArch;
  /** Number of nodes. */
  public readonly nodes: number;
  /** Number of k3s servers. */
  public readonly servers: number;
  /**
   * GPU of the site.
   * @default - none
   */
  public readonly gpu?: EdgeSiteGpu;
  /** Connectivity. */
  public readonly connectivity: SiteConnectivity;
  /**
   * Registry mirror.
   * @default - none
   */
  public readonly registryMirror?: string;
  /** k3s release channel. */
  public readonly k3sChannel: string;

  constructor(scope: Construct, props: EdgeSiteProps, defaultChannel: string) {
    super(scope, checkedName(scope, props.name));
    this.siteName = props.name;
    this.labels = { ...(props.labels ?? {}) };
    for (const [key, value] of Object.entries(this.labels)) {
      const problem = labelProblem(key, value);
      if (problem) invalid(KIND, this, `label ${show(key)}=${show(value)} is not a Kubernetes label: ${problem}`);
    }
    this.arch = props.arch ?? CpuArch.AMD64;
    if (!Object.values(CpuArch).includes(this.arch)) invalid(KIND, this, `arch ${show(this.arch)} is not supported; use ${Object.values(CpuArch).join(' or ')}`);
    this.nodes = props.nodes ?? 1;
    this.servers = props.servers ?? 1;
    if (!Number.isInteger(this.nodes) || this.nodes < 1) invalid(KIND, this, `nodes ${show(this.nodes)} must be a whole number ≥ 1`);
    if (!Number.isInteger(this.servers) || this.servers < 1 || this.servers > this.nodes || (this.servers > 1 && this.servers % 2 === 0)) {
      invalid(KIND, this, `servers ${show(this.servers)} must be 1 or an odd number ≥ 3 (embedded etcd quorum), and at most nodes (${this.nodes})`);
    }
    if (props.gpu) {
      const count = props.gpu.count ?? 1;
      if (!Number.isInteger(count) || count < 1) invalid(KIND, this, `gpu.count ${show(count)} must be a whole number ≥ 1`);
      const model = props.gpu.model ?? 'nvidia';
      const problem = labelValueProblem(model);
      if (problem) invalid(KIND, this, `gpu.model ${show(model)} must be usable as a node label value: ${problem}`);
      this.gpu = { count, model };
    }
    this.connectivity = props.connectivity ?? SiteConnectivity.ALWAYS;
    if (!Object.values(SiteConnectivity).includes(this.connectivity)) {
      invalid(KIND, this, `connectivity ${show(this.connectivity)} is not known; use ${Object.values(SiteConnectivity).join(' or ')}`);
    }
    if (props.registryMirror !== undefined && !REGISTRY_HOST.test(props.registryMirror)) {
      invalid(KIND, this, `registryMirror ${show(props.registryMirror)} must be a registry host with an optional port (e.g. 'registry.store.local:5000')`);
    }
    this.registryMirror = props.registryMirror;
    this.k3sChannel = props.k3sChannel ?? defaultChannel;
    if (!CHANNEL.test(this.k3sChannel)) invalid(KIND, this, `k3sChannel ${show(this.k3sChannel)} is not a k3s channel; use 'stable', 'latest', 'testing' or a minor like 'v1.33'`);
  }

  /** Whether every label of `selector` is on this site (an empty selector matches every site). */
  public matches(selector: { [key: string]: string } | undefined): boolean {
    for (const [key, value] of Object.entries(selector ?? {})) {
      if (this.labels[key] !== value) return false;
    }
    return true;
  }
}

function checkedName(scope: Construct, name: string): string {
  const path = `${scope.node.path}/${String(name)}`;
  const problem = typeof name === 'string' ? dns1123LabelProblem(name) : 'it must be a string';
  if (problem) invalid(KIND, { node: { path } } as any, `name ${show(name)} is not a DNS-1123 label: ${problem}`);
  if (scope.node.tryFindChild(name)) {
    invalid(KIND, { node: { path } } as any, `site name '${name}' is used twice in '${scope.node.path}'; every site needs its own name (its bundle is edge/<name>/)`);
  }
  return name;
}
