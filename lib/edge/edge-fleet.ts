import { Construct } from 'constructs';
import { EdgeChartProps, EdgeOverrideProps, EdgeSiteProps, EdgeWorkloadProps, K3sOptions, RolloutOptions } from './edge-options';
import { EdgeSite } from './edge-site';
import { EdgeWorkload } from './edge-workload';
import { GitOps, gitOpsProblem } from './gitops';
import { EdgeInventory } from './inventory';
import { cidrProblem, cidrsOverlap } from '../core/cidr';
import { assertUniqueChildId, FleetValidationError, invalid, nearMatches, show } from '../core/errors';
import { dns1123LabelProblem } from '../core/names';
import { setDefaultNamespace, workloadNamespaceProblem } from '../core/namespaces';
import { checkResources } from '../workloads/workload-checks';

const KIND = 'edgeFleet';
const REGISTRY_HOST = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?$/;

/** Properties of an edge fleet. */
export interface EdgeFleetProps {
  /**
   * Sites given inline.
   * @default - none
   */
  readonly sites?: EdgeSiteProps[];
  /**
   * Sites read from an inventory file (`EdgeInventory.fromFile('stores.csv')`).
   * @default - none
   */
  readonly inventory?: EdgeInventory;
  /**
   * k3s settings of every site.
   * @default - k3s defaults with traefik and servicelb disabled
   */
  readonly k3s?: K3sOptions;
  /**
   * Delivery engine that pulls the bundles from Git.
   * @default - bundles only, no delivery objects
   */
  readonly delivery?: GitOps;
  /**
   * Rollout waves (labelled `cdk-fleet.io/wave` on every site).
   * @default - one wave with every site
   */
  readonly rollout?: RolloutOptions;
  /**
   * Also write a deterministic `edge-archives/<site>.tar.gz` of each bundle.
   * @default false
   */
  readonly archives?: boolean;
  /**
   * Namespace of the workloads that name none; like every namespace of a bundle it
   * enforces Pod Security `restricted`. Never `default` or a `kube-*` namespace.
   * @default - the edge fleet's id
   */
  readonly namespace?: string;
}

/** A Helm chart added with `addChart`. */
export interface EdgeChart {
  /** Name of the HelmChart object. */
  readonly name: string;
  /** The chart's props. */
  readonly props: EdgeChartProps;
}

/**
 * Hundreds to thousands of k3s edge sites from one definition: sites (inline or from
 * an inventory file), workloads selected by site labels, per-site overrides, Helm
 * charts for site add-ons, rollout waves and a GitOps engine. Synthesis writes one
 * self-contained bundle per site to `edge/<site>/` and the engine's objects to `gitops/`.
 */
export class EdgeFleet extends Construct {
  /** k3s settings. */
  public readonly k3s: K3sOptions;
  /**
   * Delivery engine.
   * @default - none
   */
  public readonly delivery?: GitOps;
  /** Rollout waves. */
  public readonly rollout: RolloutOptions;
  /** Whether `.tar.gz` archives are written. */
  public readonly archives: boolean;
  /** Namespace of the workloads that name none. */
  public readonly namespace: string;
  private readonly siteList: EdgeSite[] = [];
  private readonly overrideList: EdgeOverrideProps[] = [];
  private readonly chartList: EdgeChart[] = [];

  constructor(scope: Construct, id: string, props: EdgeFleetProps = {}) {
    assertUniqueChildId(KIND, scope, id);
    super(scope, id);
    const problem = dns1123LabelProblem(id);
    if (problem) invalid(KIND, this, `id '${id}' is not a DNS-1123 label: ${problem}`);
    this.k3s = { ...(props.k3s ?? {}) };
    for (const what of ['clusterCidr', 'serviceCidr'] as const) {
      const cidr = this.k3s[what];
      if (cidr !== undefined && cidrProblem(cidr)) invalid(KIND, this, `k3s.${what} ${show(cidr)} is not a valid IPv4 CIDR block: ${cidrProblem(cidr)}`);
    }
    checkK3s(this, this.k3s);
    if (this.k3s.tokenFile !== undefined && !this.k3s.tokenFile.startsWith('/')) {
      invalid(KIND, this, `k3s.tokenFile ${show(this.k3s.tokenFile)} must be an absolute path on the nodes (the bundle references the token, never holds it)`);
    }
    const delivery = props.delivery === undefined ? undefined : gitOpsProblem(props.delivery);
    if (delivery) invalid(KIND, this, `delivery (${props.delivery!.engine}) ${delivery}`);
    this.delivery = props.delivery;
    this.rollout = checkRollout(this, props.rollout ?? {});
    this.archives = props.archives ?? false;
    this.namespace = props.namespace ?? id;
    const nsProblem = workloadNamespaceProblem(this.namespace);
    if (nsProblem) invalid(KIND, this, `namespace ${show(this.namespace)} cannot hold workloads: ${nsProblem}`);
    setDefaultNamespace(this, this.namespace);
    for (const site of props.sites ?? []) this.addSite(site);
    const inventory = props.inventory;
    inventory?.sites.forEach((site, i) => {
      try {
        this.addSite(site);
      } catch (e) {
        if (!(e instanceof FleetValidationError)) throw e;
        throw new FleetValidationError(`${e.detail} (from edge inventory '${inventory.source}' ${inventory._origins[i] ?? `entry ${i}`})`, e.constructPath, e.code);
      }
    });
  }

  /** The sites, in the order they were added. */
  public get sites(): EdgeSite[] {
    return [...this.siteList];
  }

  /** The overrides, in the order they were added. */
  public get overrides(): EdgeOverrideProps[] {
    return [...this.overrideList];
  }

  /** The Helm charts, in the order they were added. */
  public get charts(): EdgeChart[] {
    return [...this.chartList];
  }

  /** Adds a site. */
  public addSite(props: EdgeSiteProps): EdgeSite {
    const site = new EdgeSite(this, props, this.k3s.channel ?? 'stable');
    this.siteList.push(site);
    return site;
  }

  /** Adds a workload that runs on the sites its `siteSelector` matches. */
  public addWorkload(id: string, props: EdgeWorkloadProps): EdgeWorkload {
    return new EdgeWorkload(this, id, props);
  }

  /** Adds per-site values for the sites whose labels match (later overrides win). */
  public addOverride(props: EdgeOverrideProps): void {
    const where = `overrides[${this.overrideList.length}]`;
    if (!props.siteSelector || Object.keys(props.siteSelector).length === 0) {
      invalid(KIND, this, `${where}.siteSelector is empty; name the labels of the sites it applies to (e.g. { format: 'kiosk' })`);
    }
    if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 1)) {
      invalid(KIND, this, `${where}.replicas ${show(props.replicas)} must be a whole number ≥ 1`);
    }
    if (props.imageRegistry !== undefined && !REGISTRY_HOST.test(props.imageRegistry)) {
      invalid(KIND, this, `${where}.imageRegistry ${show(props.imageRegistry)} must be a registry host with an optional port (e.g. 'registry.eu.acme.example')`);
    }
    if (props.resources) checkResources(this, props.resources, KIND);
    for (const name of Object.keys(props.featureFlags ?? {})) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) invalid(KIND, this, `${where}.featureFlags name ${show(name)} must be letters, digits and '_' (it becomes FEATURE_<NAME>)`);
    }
    this.overrideList.push({ ...props });
  }

  /** Installs a Helm chart on the sites its `siteSelector` matches, through k3s' Helm controller. */
  public addChart(name: string, props: EdgeChartProps): void {
    const problem = dns1123LabelProblem(name);
    if (problem) invalid(KIND, this, `chart name ${show(name)} is not a DNS-1123 label: ${problem}`);
    if (this.chartList.some(c => c.name === name)) invalid(KIND, this, `chart '${name}' is added twice; give each chart its own name`);
    if (!props.version || /^(latest|\*)$/.test(props.version)) invalid(KIND, this, `chart '${name}' version ${show(props.version)} must be a pinned chart version (e.g. '0.17.1')`);
    if (!/^(https?|oci):\/\//.test(props.repo ?? '')) invalid(KIND, this, `chart '${name}' repo ${show(props.repo)} must be an http(s) or oci:// URL`);
    this.chartList.push({ name, props });
  }

  /** The sites whose labels include every label of `selector`. */
  public sitesMatching(selector?: { [key: string]: string }): EdgeSite[] {
    return this.siteList.filter(s => s.matches(selector));
  }
}

/** Packaged components `k3s --disable` knows (k3s server flags: coredns, servicelb, traefik, local-storage, metrics-server, runtimes). */
const K3S_COMPONENTS = ['coredns', 'local-storage', 'metrics-server', 'runtimes', 'servicelb', 'traefik'];

function checkK3s(scope: Construct, k3s: K3sOptions): void {
  const clusterCidr = k3s.clusterCidr ?? '10.42.0.0/16';
  const serviceCidr = k3s.serviceCidr ?? '10.43.0.0/16';
  if (cidrsOverlap(clusterCidr, serviceCidr)) {
    invalid(KIND, scope, `k3s.clusterCidr '${clusterCidr}' and k3s.serviceCidr '${serviceCidr}' overlap; pods and services need disjoint ranges (k3s defaults: '10.42.0.0/16' and '10.43.0.0/16')`);
  }
  if (k3s.disable !== undefined && !Array.isArray(k3s.disable)) invalid(KIND, scope, `k3s.disable ${show(k3s.disable)} must be a list of components`);
  (k3s.disable ?? []).forEach((component, i) => {
    if (!K3S_COMPONENTS.includes(component)) {
      const near = typeof component === 'string' ? nearMatches(component, K3S_COMPONENTS) : [];
      invalid(KIND, scope, `k3s.disable[${i}] ${show(component)} is not a packaged k3s component` +
        `${near.length > 0 ? ` (did you mean ${near.map(n => `'${n}'`).join(', ')}?)` : ''}; use ${K3S_COMPONENTS.join(', ')}`);
    }
  });
}

function checkRollout(scope: Construct, rollout: RolloutOptions): RolloutOptions {
  const percentages = rollout.percentages ?? [1, 10, 100];
  const ascending = percentages.every((p, i) => Number.isFinite(p) && p > 0 && p <= 100 && (i === 0 || p > percentages[i - 1]));
  if (percentages.length === 0 || !ascending || percentages[percentages.length - 1] !== 100) {
    invalid(KIND, scope, `rollout.percentages ${show(percentages)} must rise strictly and end at 100 (e.g. [1, 10, 100])`);
  }
  return { ...rollout, percentages };
}
