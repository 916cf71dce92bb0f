import { Construct } from 'constructs';
import type { WorkloadContainerProps } from './container-options';
import type { Probe } from './probes';
import type { WorkloadRenderContext } from './render-context';
import { WorkloadBase, WorkloadCommonProps } from './workload-base';
import { checkServing } from './workload-checks';
import { serviceObjects } from './workload-objects';
import { ICluster } from '../clusters/cluster';
import { invalid, show } from '../core/errors';
import { dns1123LabelProblem } from '../core/names';

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
export interface ServiceContainerProps extends WorkloadContainerProps {
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
   * Liveness probe: the container is restarted when it fails.
   * @default - HTTP GET of `healthPath` every 10 s (2 s timeout), restart after 3 failures
   */
  readonly livenessProbe?: Probe;
  /**
   * Readiness probe: the pod receives traffic only while it passes.
   * @default - HTTP GET of `healthPath` every 10 s (2 s timeout), out of the Service after 1 failure
   */
  readonly readinessProbe?: Probe;
  /**
   * Startup probe: liveness and readiness wait until it passes (for slow starts).
   * @default - none (an InferenceService gets one sized by `startupTimeoutSeconds`)
   */
  readonly startupProbe?: Probe;
  /**
   * Workloads (by name, same namespace) allowed to call this one; all other ingress is denied.
   * @default - none
   */
  readonly allowFrom?: string[];
}

/** Properties of a service (a `Workload` and the kinds built on it). */
export interface WorkloadProps extends WorkloadCommonProps, ServiceContainerProps {
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
}

const KIND = 'workload';

/**
 * An HTTP service that runs on one or more clusters with hardened defaults: Pod
 * Security Standards `restricted` (non-root, seccomp RuntimeDefault, no privilege
 * escalation, all capabilities dropped, read-only root filesystem with `/tmp` on an
 * emptyDir), requests and limits, probes, a default-deny NetworkPolicy with the declared
 * ingress and egress, a PodDisruptionBudget, spread across zones, no service account
 * token, and the fleet's labels. Rendered to `kubernetes/<cluster>/` at synth.
 *
 * Subclass it for a golden-path service of your own: override `podExtras` to add to the
 * pod, `renderObjects` (calling `super.renderObjects(context)`) to add objects.
 */
export class Workload extends WorkloadBase {
  /** Port the container serves on. */
  public readonly port: number;
  /** Replicas per cluster. */
  public readonly replicas: number;
  /** Resolved props, for rendering. */
  public readonly props: WorkloadProps;

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id, props);
    this.props = props;
    this.port = props.port ?? 8080;
    checkServing(this, props);
    this.replicas = props.replicas ?? 2;
    if (!Number.isInteger(this.replicas) || this.replicas < 1) invalid(KIND, this, `replicas ${show(this.replicas)} must be a whole number ≥ 1`);
    checkAutoscaling(this, props.autoscaling);
    if (props.route) {
      const problem = dns1123LabelProblem(props.route.gateway ?? '') ?? dns1123LabelProblem(props.route.gatewayNamespace ?? 'gateway');
      if (problem) invalid(KIND, this, `route gateway ${show(props.route.gateway)} / namespace ${show(props.route.gatewayNamespace ?? 'gateway')} is not valid: ${problem}`);
      if (props.route.pathPrefix !== undefined && !props.route.pathPrefix.startsWith('/')) invalid(KIND, this, `route.pathPrefix ${show(props.route.pathPrefix)} must start with '/'`);
    }
  }

  /**
   * The most pods the service runs at once on `cluster`: the autoscaler's (HPA or KEDA)
   * maximum, else the fixed replica count.
   */
  public maxPods(cluster: ICluster): number {
    return this.props.autoscaling?.maxReplicas ?? this.podExtras(cluster).scaledObject?.maxReplicaCount ?? this.replicas;
  }

  /**
   * ServiceAccount, Deployment (StatefulSet with state), Service, NetworkPolicy and, as
   * declared, HorizontalPodAutoscaler, KEDA objects, HTTPRoute and PodDisruptionBudget.
   */
  public renderObjects(context: WorkloadRenderContext): Array<{ [key: string]: any }> {
    return serviceObjects(this, context);
  }

  /** @internal */
  public _servedPort(): number | undefined {
    return this.port;
  }

  /** @internal */
  public _allowFrom(): string[] {
    return [...(this.props.allowFrom ?? [])];
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
