import type { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { objectProblem } from './manifest-objects';
import { ICluster } from '../../clusters/cluster';
import { assertUniqueChildId, invalid, show } from '../../core/errors';
import { dns1123LabelProblem } from '../../core/names';
import { defaultNamespaceAt, workloadNamespaceProblem } from '../../core/namespaces';
import { Team } from '../../teams/team';
import { checkPlacementProps } from '../placement-check';

/**
 * Builds the content of a `KubernetesManifest` for one cluster, so it can differ per
 * cluster (a replica count, a region, a storage class).
 */
export interface IChartFactory {
  /**
   * Adds the cluster's objects to `chart` (cdk8s or cdk8s-plus-30 constructs). The chart
   * is the only chart of a cdk8s App of its own, named after the manifest, with the
   * manifest's namespace as its default namespace.
   */
  buildChart(chart: Chart, cluster: ICluster): void;
}

/** A kind whose CustomResourceDefinition something outside the fleet installs on the clusters. */
export interface ExternalKind {
  /** API group, e.g. `cert-manager.io`. */
  readonly group: string;
  /** Kind, e.g. `Certificate`. */
  readonly kind: string;
  /**
   * Whether its objects live in a namespace (the CRD's `scope: Namespaced`).
   * @default true
   */
  readonly namespaced?: boolean;
}

/** Where and for whom Kubernetes content goes; shared by `KubernetesManifest` and `Fleet.addChart`. */
export interface KubernetesManifestOptions {
  /**
   * The team the content belongs to: every object carries the team's labels, the content
   * may use the team's namespaces, and it may only be placed on the team's clusters.
   * @default - no team
   */
  readonly team?: Team;
  /**
   * Clusters to put the content on. With `clusterSelector`, the union of both.
   * @default - only the clusters `clusterSelector` selects (one of the two is required)
   */
  readonly placement?: ICluster[];
  /**
   * Put the content on every cluster of the fleet whose `labels` include all of these,
   * resolved at synth.
   * @default - only the clusters in `placement`
   */
  readonly clusterSelector?: { [key: string]: string };
  /**
   * Namespace of the namespaced objects that name none; the fleet writes it with Pod
   * Security `restricted` labels, like a workload's. Never `default` or a `kube-*` one.
   * Objects may name another namespace only when the fleet writes it on the cluster (a team's
   * namespace, a workload's) or the content on that cluster creates it with a Namespace object
   * (which then gets the same Pod Security labels). Cluster-scoped objects keep no namespace
   * (cdk8s gives one to every object of a chart that has one).
   * @default - the team's first namespace, else the fleet's `defaultNamespace`
   */
  readonly namespace?: string;
  /**
   * Custom kinds whose CRDs are installed on every placed cluster by other means (the
   * platform, an add-on of your own). Objects of any other kind that neither Kubernetes
   * nor a fleet add-on serves, nor a CustomResourceDefinition in the content on that
   * cluster defines, fail synthesis.
   * @default - none
   */
  readonly externalKinds?: ExternalKind[];
}

/** Properties of a `KubernetesManifest`: the content (any mix of the three) and where it goes. */
export interface KubernetesManifestProps extends KubernetesManifestOptions {
  /**
   * A cdk8s Chart built in your own cdk8s App (cdk8s-plus-30 constructs included). Its
   * objects (`chart.toJson()`, taken once at synth) go to every placed cluster.
   * @default - no chart
   */
  readonly chart?: Chart;
  /**
   * Builds a chart per placed cluster, for content that differs per cluster.
   * @default - no per-cluster chart
   */
  readonly chartFactory?: IChartFactory;
  /**
   * Kubernetes objects as plain JSON (`apiVersion`, `kind`, `metadata.name`, ...), written
   * after the chart's objects, in the order given.
   * @default - none
   */
  readonly manifests?: Array<{ [key: string]: any }>;
}

const KIND = 'kubernetesManifest';

/**
 * Kubernetes content of your own — any cdk8s chart or construct, cdk8s-plus-30
 * included, or plain objects — placed on clusters like a workload. At synth each placed
 * cluster gets `kubernetes/<cluster>/manifest.<id>.yaml` (listed in its
 * `kustomization.yaml` and `manifest.json`) whose objects carry the fleet's and the
 * team's labels (on pod templates too) and sit in namespaces the fleet writes with Pod
 * Security labels. The policy packs check them like the workloads' objects. Synthesis
 * fails, naming the object and the fix, on an object in `default`, a `kube-*` or an
 * unwritten namespace, on a kind the cluster does not serve, and on two objects with
 * one name on a cluster.
 */
export class KubernetesManifest extends Construct {
  /** Name of the manifest (the construct id): its file is `manifest.<name>.yaml`. */
  public readonly manifestName: string;
  /** Namespace of the namespaced objects that name none. */
  public readonly namespace: string;
  /**
   * The team the content belongs to.
   * @default - none
   */
  public readonly team?: Team;
  /** Clusters named in `placement` (see `clusterSelector` for the rest). */
  public readonly placement: ICluster[];
  /** Labels that select further clusters at synth (empty: none). */
  public readonly clusterSelector: { [key: string]: string };
  /** Custom kinds installed on the clusters outside the fleet. */
  public readonly externalKinds: ExternalKind[];
  private readonly chart?: Chart;
  private readonly chartFactory?: IChartFactory;
  private readonly manifests: Array<{ [key: string]: any }>;
  private chartObjects?: Array<{ [key: string]: any }>;
  private resolvedPlacement?: ICluster[];

  constructor(scope: Construct, id: string, props: KubernetesManifestProps) {
    assertUniqueChildId(KIND, scope, id);
    super(scope, id);
    const idProblem = dns1123LabelProblem(id);
    if (idProblem) invalid(KIND, this, `id ${show(id)} names the manifest's file and must be a DNS-1123 label: ${idProblem}`);
    this.manifestName = id;
    if (props.team !== undefined && !(props.team instanceof Team)) invalid(KIND, this, 'team must be a Team construct (new Team(fleet, \'payments\', {...}))');
    this.team = props.team;
    this.namespace = props.namespace ?? props.team?.namespace ?? defaultNamespaceAt(this);
    const nsProblem = workloadNamespaceProblem(this.namespace);
    if (nsProblem) invalid(KIND, this, `namespace ${show(this.namespace)} cannot hold the content: ${nsProblem}`);
    if (props.team && !props.team.namespaces.includes(this.namespace)) {
      invalid(KIND, this, `namespace '${this.namespace}' is not one of team '${props.team.node.path}''s namespaces (${props.team.namespaces.join(', ')}); use one of them or leave namespace out`);
    }
    this.placement = [...(props.placement ?? [])];
    this.clusterSelector = { ...(props.clusterSelector ?? {}) };
    checkPlacement(this, props);
    this.externalKinds = [...(props.externalKinds ?? [])];
    this.externalKinds.forEach((k, i) => {
      if (typeof k?.group !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(k.group)) {
        invalid(KIND, this, `externalKinds[${i}].group ${show(k?.group)} is not an API group (a DNS subdomain such as 'cert-manager.io')`);
      }
      if (typeof k.kind !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(k.kind)) invalid(KIND, this, `externalKinds[${i}].kind ${show(k.kind)} is not a kind (e.g. 'Certificate')`);
    });
    if (props.chart !== undefined && typeof (props.chart as any)?.toJson !== 'function') {
      invalid(KIND, this, `chart ${show(props.chart)} is not a cdk8s Chart; pass the Chart you built (new cdk8s.Chart(app, 'web'))`);
    }
    if (props.chartFactory !== undefined && typeof (props.chartFactory as any)?.buildChart !== 'function') {
      invalid(KIND, this, 'chartFactory has no buildChart(chart, cluster) method');
    }
    this.chart = props.chart;
    this.chartFactory = props.chartFactory;
    this.manifests = [...(props.manifests ?? [])];
    this.manifests.forEach((m, i) => {
      const problem = objectProblem(m);
      if (problem) invalid(KIND, this, `manifests[${i}] ${problem}`);
    });
    if (!this.chart && !this.chartFactory && this.manifests.length === 0) {
      invalid(KIND, this, 'has no content; give a chart, a chartFactory or manifests');
    }
  }

  /**
   * The clusters the content goes to: `placement` plus the clusters `clusterSelector`
   * selected when the fleet was synthesized (before that, `placement` only).
   */
  public get placedOn(): ICluster[] {
    return this.resolvedPlacement ?? this.placement;
  }

  /**
   * Records the clusters resolved at synth.
   * @internal
   */
  public _setPlacement(clusters: ICluster[]): void {
    this.resolvedPlacement = [...clusters];
  }

  /**
   * The content's objects for `cluster`, as fresh copies (the chart's objects, then the
   * factory's, then `manifests`), before the fleet labels them.
   * @internal
   */
  public _objectsFor(cluster: ICluster): Array<{ [key: string]: any }> {
    const objects: Array<{ [key: string]: any }> = [];
    if (this.chart) {
      this.chartObjects ??= this.chart.toJson();
      objects.push(...this.chartObjects);
    }
    if (this.chartFactory) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cdk8s: typeof import('cdk8s') = require('cdk8s');
      const chart = new cdk8s.Chart(new cdk8s.App(), this.manifestName, { namespace: this.namespace });
      this.chartFactory.buildChart(chart, cluster);
      objects.push(...chart.toJson());
    }
    objects.push(...this.manifests);
    return objects.map(o => JSON.parse(JSON.stringify(o)));
  }
}

function checkPlacement(m: KubernetesManifest, props: KubernetesManifestOptions): void {
  checkPlacementProps(KIND, m, m.placement, m.clusterSelector, props.clusterSelector !== undefined);
}
