import { Construct } from 'constructs';
import type { WorkloadContainerProps } from './container-options';
import { checkPlacementProps } from './placement-check';
import { PodExtras } from './pod-extras';
import type { WorkloadRenderContext } from './render-context';
import type { Sidecar } from './workload';
import { checkContainer, checkEnv, checkImage, checkResources } from './workload-checks';
import { WorkloadIdentity, checkWorkloadIdentity } from './workload-identity';
import { ICluster } from '../clusters/cluster';
import { assertUniqueChildId, invalid, show } from '../core/errors';
import { dns1123LabelProblem } from '../core/names';
import { defaultNamespaceAt, workloadNamespaceProblem } from '../core/namespaces';
import { PodSecurityLevel } from '../policy/pod-security/levels';
import { Team } from '../teams/team';

/** What every workload kind accepts: its container, where it runs, its team, sidecars and telemetry. */
export interface WorkloadCommonProps extends WorkloadContainerProps {
  /**
   * The team the workload belongs to: it runs in the team's namespace, carries the team's
   * labels, counts against the team's quota and may only be placed on the team's clusters.
   * @default - no team
   */
  readonly team?: Team;
  /**
   * Clusters to run on. With `clusterSelector`, the workload runs on the union of both.
   * @default - only the clusters `clusterSelector` selects (one of the two is required)
   */
  readonly placement?: ICluster[];
  /**
   * Run on every cluster of the fleet whose `labels` include all of these, resolved
   * at synth (clusters created after the workload count too).
   * @default - only the clusters in `placement`
   */
  readonly clusterSelector?: { [key: string]: string };
  /**
   * OpenTelemetry Operator auto-instrumentation language (`java`, `python`, `nodejs`, `dotnet`, `go`).
   * @default - no auto-instrumentation annotation
   */
  readonly autoInstrument?: string;
  /**
   * Native sidecars (proxies, log shippers, agents' tool runners) with the same hardened
   * security context; they start before and stop after the app container.
   * @default - none
   */
  readonly sidecars?: Sidecar[];
  /**
   * Cloud permissions of the pods, per cloud, through the cluster's workload identity (EKS Pod
   * Identity, Workload Identity Federation for GKE, Microsoft Entra Workload ID).
   * @default - no cloud identity: the pods get no cloud credentials
   */
  readonly identity?: WorkloadIdentity;
}

const KIND = 'workload';
const INSTRUMENTED_LANGUAGES = ['java', 'python', 'nodejs', 'dotnet', 'go'];

/**
 * The base of every workload kind (`Workload` and the services built on it, `BatchJob`,
 * and a platform team's own kinds): validated common props, placement on clusters, team
 * membership, and the render pipeline the fleet drives at synth. For each cluster the
 * workload lands on, the fleet calls `podExtras(cluster)`, builds a
 * `WorkloadRenderContext` (labels, the hardened pod template, the default-deny
 * NetworkPolicy) and calls `renderObjects(context)`; it then stamps the fleet's and the
 * team's labels on every object returned, checks them with the policy packs, and counts
 * `maxPods(cluster)` pods against the team's quota.
 */
export abstract class WorkloadBase extends Construct {
  /** Name of the Kubernetes objects. */
  public readonly workloadName: string;
  /** Namespace of the objects. */
  public readonly namespace: string;
  /** Container image. */
  public readonly image: string;
  /** Clusters named in `placement` (see `clusterSelector` for the rest). */
  public readonly placement: ICluster[];
  /** Labels that select further clusters at synth (empty: none). */
  public readonly clusterSelector: { [key: string]: string };
  /** The props every kind shares, as given. */
  public readonly commonProps: WorkloadCommonProps;
  /**
   * The team the workload belongs to.
   * @default - none
   */
  public readonly team?: Team;
  private resolvedPlacement?: ICluster[];

  constructor(scope: Construct, id: string, props: WorkloadCommonProps) {
    assertUniqueChildId(KIND, scope, id);
    super(scope, id);
    this.commonProps = props;
    this.workloadName = id;
    this.team = props.team;
    if (props.team !== undefined && !(props.team instanceof Team)) invalid(KIND, this, 'team must be a Team construct (new Team(fleet, \'payments\', {...}))');
    this.namespace = props.namespace ?? props.team?.namespace ?? defaultNamespaceAt(this);
    const nsProblem = workloadNamespaceProblem(this.namespace);
    if (nsProblem) invalid(KIND, this, `namespace ${show(this.namespace)} cannot hold workloads: ${nsProblem}`);
    if (props.team && !props.team.namespaces.includes(this.namespace)) {
      invalid(KIND, this, `namespace '${this.namespace}' is not one of team '${props.team.node.path}''s namespaces (${props.team.namespaces.join(', ')}); use one of them or leave namespace out`);
    }
    this.image = props.image;
    checkContainer(this, id, props);
    this.placement = [...(props.placement ?? [])];
    this.clusterSelector = { ...(props.clusterSelector ?? {}) };
    checkPlacementProps(KIND, this, this.placement, this.clusterSelector, props.clusterSelector !== undefined, ' to run on');
    const names = new Set([id]);
    (props.sidecars ?? []).forEach((sidecar, i) => {
      const problem = dns1123LabelProblem(sidecar.name ?? '');
      if (problem) invalid(KIND, this, `sidecars[${i}].name ${show(sidecar.name)} is not a DNS-1123 label: ${problem}`);
      if (names.has(sidecar.name)) invalid(KIND, this, `sidecars[${i}].name '${sidecar.name}' is used twice in the pod; container names must be unique`);
      names.add(sidecar.name);
      checkImage(this, sidecar.image, KIND, `sidecars[${i}].image`);
      checkResources(this, sidecar.resources);
      checkEnv(this, `sidecars[${i}].env`, sidecar.env);
    });
    if (props.autoInstrument !== undefined && !INSTRUMENTED_LANGUAGES.includes(props.autoInstrument)) {
      invalid(KIND, this, `autoInstrument ${show(props.autoInstrument)} is not an OpenTelemetry Operator language; use one of ${INSTRUMENTED_LANGUAGES.join(', ')}`);
    }
    checkWorkloadIdentity(this, props.identity);
  }

  /**
   * The clusters the workload runs on: `placement` plus the clusters `clusterSelector`
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
   * What this kind adds to the hardened pod template on `cluster` (GPU resources,
   * tolerations, affinity, volumes, a runtime class, cluster-scoped objects, ...). The
   * fleet also reads them for placement, fit and capabilities. Override to specialise;
   * the base adds nothing.
   */
  public podExtras(_cluster: ICluster): PodExtras {
    return {};
  }

  /**
   * The most pods the workload runs at once on `cluster` (what the team quota must
   * hold). The base answers the KEDA maximum of `podExtras`, else 1; services answer
   * their autoscaling maximum or replica count, batch jobs their parallelism.
   */
  public maxPods(cluster: ICluster): number {
    return this.podExtras(cluster).scaledObject?.maxReplicaCount ?? 1;
  }

  /**
   * The Pod Security level the workload's pods meet, which its namespace enforces. Every
   * built-in kind meets `restricted`; a kind whose pods need less must say so here.
   */
  public podSecurityLevel(): PodSecurityLevel {
    return PodSecurityLevel.RESTRICTED;
  }

  /**
   * The Kubernetes objects of this workload on one cluster, as plain JSON. Build them
   * with the context (`context.metadata()`, `context.podTemplate()`,
   * `context.networkPolicy()`, `context.serviceAccount()`); the fleet stamps its labels
   * on every object returned, extra ones included.
   */
  public abstract renderObjects(context: WorkloadRenderContext): Array<{ [key: string]: any }>;

  /**
   * The port other workloads call this one on, when it serves (for `allowFrom`).
   * @internal
   */
  public _servedPort(): number | undefined {
    return undefined;
  }

  /**
   * The workloads allowed to call this one (`allowFrom`).
   * @internal
   */
  public _allowFrom(): string[] {
    return [];
  }
}
