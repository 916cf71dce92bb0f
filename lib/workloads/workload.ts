import { Construct } from 'constructs';
import { PodExtras } from './pod-extras';
import { checkEnv, checkImage, checkResources, checkServiceContainer } from './workload-checks';
import { WorkloadIdentity, checkWorkloadIdentity } from './workload-identity';
import { workloadObjects } from './workload-objects';
import { ICluster } from '../clusters/cluster';
import { assertUniqueChildId, invalid, show } from '../core/errors';
import { dns1123LabelProblem, labelProblem } from '../core/names';
import { defaultNamespaceAt, workloadNamespaceProblem } from '../core/namespaces';
import { PodSecurityLevel } from '../policy/pod-security/levels';
import { Team } from '../teams/team';

/** CPU and memory of each replica. */
export interface WorkloadResources {
  /** CPU request, e.g. `250m` or `1`. */
  readonly cpu: string;
  /** Memory request, e.g. `256Mi` or `1Gi`. */
  readonly memory: string;
  /**
   * CPU limit; at least the request.
   * @default - the request
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit; at least the request.
   * @default - the request
   */
  readonly memoryLimit?: string;
}

/** An outbound destination a workload may reach (everything else is denied). */
export interface EgressRule {
  /** Destination CIDR block, e.g. an external API's range. */
  readonly cidr: string;
  /** Destination port. */
  readonly port: number;
  /**
   * Protocol: `TCP` or `UDP`.
   * @default 'TCP'
   */
  readonly protocol?: string;
}

/** A native sidecar: an init container with `restartPolicy: Always` that runs beside the app. */
export interface Sidecar {
  /** Container name (DNS-1123). */
  readonly name: string;
  /** Image, pinned by tag or digest. */
  readonly image: string;
  /** Requests (and limits) of the sidecar. */
  readonly resources: WorkloadResources;
  /**
   * Arguments.
   * @default - the image's
   */
  readonly args?: string[];
  /**
   * Environment variables.
   * @default - none
   */
  readonly env?: { [name: string]: string };
}

/** Horizontal pod autoscaling of a workload. */
export interface WorkloadAutoscaling {
  /** Fewest replicas per cluster. */
  readonly minReplicas: number;
  /** Most replicas per cluster. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilization (percent of the request).
   * @default 70
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory utilization (percent of the request).
   * @default - CPU only
   */
  readonly memoryUtilization?: number;
}

/** Exposure through a Gateway API `HTTPRoute`. */
export interface WorkloadRoute {
  /** Name of the Gateway to attach to. */
  readonly gateway: string;
  /**
   * Namespace of the Gateway; its pods may reach the workload through the NetworkPolicy.
   * @default 'gateway'
   */
  readonly gatewayNamespace?: string;
  /**
   * Host names the route answers.
   * @default - all hosts of the Gateway listener
   */
  readonly hostnames?: string[];
  /**
   * Path prefix.
   * @default '/'
   */
  readonly pathPrefix?: string;
}

/** What every serving workload declares, on clusters and at edge sites alike. */
export interface ServiceContainerProps {
  /** Container image, pinned by tag or digest (`:latest` and untagged images are rejected). */
  readonly image: string;
  /** Requests (and limits) of each replica. */
  readonly resources: WorkloadResources;
  /**
   * Port the container serves HTTP on.
   * @default 8080
   */
  readonly port?: number;
  /**
   * Path of the liveness and readiness probes.
   * @default '/healthz'
   */
  readonly healthPath?: string;
  /**
   * Namespace: never `default` or a `kube-*` one, since the fleet labels every namespace
   * it writes to enforce Pod Security. A team workload may name any of its team's namespaces.
   * @default - the team's first namespace, else the fleet's `defaultNamespace` (on edge sites: the edge fleet's `namespace`)
   */
  readonly namespace?: string;
  /**
   * Environment variables (no secrets: use Kubernetes Secrets for those).
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Workloads (by name, same namespace) allowed to call this one; all other ingress is denied.
   * @default - none
   */
  readonly allowFrom?: string[];
  /**
   * Outbound destinations besides cluster DNS; all other egress is denied.
   * @default - DNS only
   */
  readonly allowTo?: EgressRule[];
}

/** Properties of a workload. */
export interface WorkloadProps extends ServiceContainerProps {
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
   * Number of replicas per cluster.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Scale replicas with a HorizontalPodAutoscaler (then `replicas` is not set on the Deployment).
   * @default - a fixed number of replicas
   */
  readonly autoscaling?: WorkloadAutoscaling;
  /**
   * Expose the service through a Gateway API HTTPRoute.
   * @default - cluster-internal only
   */
  readonly route?: WorkloadRoute;
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
 * An HTTP service that runs on one or more clusters with hardened defaults: Pod
 * Security Standards `restricted` (non-root, seccomp RuntimeDefault, no privilege
 * escalation, all capabilities dropped, read-only root filesystem with `/tmp` on an
 * emptyDir), requests and limits, probes, a default-deny NetworkPolicy with the declared
 * ingress and egress, a PodDisruptionBudget, spread across zones, no service account
 * token, and the fleet's labels. Rendered to `kubernetes/<cluster>/` at synth.
 */
export class Workload extends Construct {
  /** Name of the Kubernetes objects. */
  public readonly workloadName: string;
  /** Namespace of the objects. */
  public readonly namespace: string;
  /** Container image. */
  public readonly image: string;
  /** Port the container serves on. */
  public readonly port: number;
  /** Replicas per cluster. */
  public readonly replicas: number;
  /** Clusters named in `placement` (see `clusterSelector` for the rest). */
  public readonly placement: ICluster[];
  /** Labels that select further clusters at synth (empty: none). */
  public readonly clusterSelector: { [key: string]: string };
  /** Resolved props, for rendering. */
  public readonly props: WorkloadProps;
  /**
   * The team the workload belongs to.
   * @default - none
   */
  public readonly team?: Team;
  private resolvedPlacement?: ICluster[];

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    assertUniqueChildId(KIND, scope, id);
    super(scope, id);
    this.props = props;
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
    this.port = props.port ?? 8080;
    checkServiceContainer(this, id, props);
    this.replicas = props.replicas ?? 2;
    if (!Number.isInteger(this.replicas) || this.replicas < 1) invalid(KIND, this, `replicas ${show(this.replicas)} must be a whole number ≥ 1`);
    this.placement = [...(props.placement ?? [])];
    this.clusterSelector = { ...(props.clusterSelector ?? {}) };
    if (props.clusterSelector !== undefined && Object.keys(this.clusterSelector).length === 0) {
      invalid(KIND, this, 'clusterSelector is empty; give at least one label (e.g. { tier: \'gpu\' }) or use placement');
    }
    for (const [key, value] of Object.entries(this.clusterSelector)) {
      const problem = labelProblem(key, value);
      if (problem) invalid(KIND, this, `clusterSelector ${show(key)}=${show(value)} is not a valid Kubernetes label: ${problem}`);
    }
    if (this.placement.length === 0 && Object.keys(this.clusterSelector).length === 0) {
      invalid(KIND, this, 'placement is empty and there is no clusterSelector; name at least one cluster to run on, or select clusters by label');
    }
    const seen = new Set<string>();
    for (const cluster of this.placement) {
      if (seen.has(cluster.node.path)) invalid(KIND, this, `placed twice on cluster '${cluster.node.path}'; list each cluster once`);
      seen.add(cluster.node.path);
    }
    checkAutoscaling(this, props.autoscaling);
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
    if (props.route) {
      const problem = dns1123LabelProblem(props.route.gateway ?? '') ?? dns1123LabelProblem(props.route.gatewayNamespace ?? 'gateway');
      if (problem) invalid(KIND, this, `route gateway ${show(props.route.gateway)} / namespace ${show(props.route.gatewayNamespace ?? 'gateway')} is not valid: ${problem}`);
      if (props.route.pathPrefix !== undefined && !props.route.pathPrefix.startsWith('/')) invalid(KIND, this, `route.pathPrefix ${show(props.route.pathPrefix)} must start with '/'`);
    }
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
   * What this workload adds to the hardened pod template on `cluster` (GPU resources,
   * tolerations, affinity, ...). Plain workloads add nothing.
   * @internal
   */
  public _podExtras(_cluster: ICluster): PodExtras {
    return {};
  }

  /**
   * The most pods the workload runs at once on `cluster` (what the team quota must hold):
   * the autoscaler's maximum, else the fixed replica count.
   * @internal
   */
  public _maxPods(cluster: ICluster): number {
    return this.props.autoscaling?.maxReplicas ?? this._podExtras(cluster).scaledObject?.maxReplicaCount ?? this.replicas;
  }

  /**
   * The Pod Security level the workload's pods meet, which its namespace enforces.
   * Every built-in kind meets `restricted`.
   * @internal
   */
  public _podSecurityLevel(): PodSecurityLevel {
    return PodSecurityLevel.RESTRICTED;
  }

  /**
   * The Kubernetes objects of this workload on `cluster`, as plain JSON.
   * @internal
   */
  public _renderObjects(cluster: ICluster, fleetLabels: Record<string, string>): Array<Record<string, any>> {
    return workloadObjects(this, fleetLabels, cluster);
  }
}

function checkAutoscaling(scope: Construct, a: WorkloadAutoscaling | undefined): void {
  if (!a) return;
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1) invalid(KIND, scope, `autoscaling.minReplicas ${show(a.minReplicas)} must be a whole number ≥ 1`);
  if (!Number.isInteger(a.maxReplicas) || a.maxReplicas < a.minReplicas) {
    invalid(KIND, scope, `autoscaling.maxReplicas ${show(a.maxReplicas)} must be a whole number ≥ minReplicas ${a.minReplicas}`);
  }
  for (const [what, value] of Object.entries({ cpuUtilization: a.cpuUtilization, memoryUtilization: a.memoryUtilization })) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 100)) invalid(KIND, scope, `autoscaling.${what} ${show(value)} must be a percentage from 1 to 100`);
  }
}
