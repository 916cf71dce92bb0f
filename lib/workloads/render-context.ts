import type { PodExtras } from './pod-extras';
import { podTemplate, PodSubject } from './pod-template';
import type { Probe } from './probes';
import { networkPolicy, workloadLabels } from './workload-objects';
import { ICluster } from '../clusters/cluster';

/** How `WorkloadRenderContext.podTemplate()` shapes the app container. */
export interface PodTemplateOptions {
  /**
   * Port the app container serves on, as container port `http`; with it the container
   * gets liveness and readiness probes (HTTP GET of `healthPath` unless given).
   * @default - no port and no liveness or readiness probe (a run-to-completion pod)
   */
  readonly port?: number;
  /**
   * Path of the default HTTP probes.
   * @default '/healthz'
   */
  readonly healthPath?: string;
  /**
   * Liveness probe (needs `port`).
   * @default - HTTP GET of `healthPath` every 10 s, restart after 3 failures
   */
  readonly livenessProbe?: Probe;
  /**
   * Readiness probe (needs `port`).
   * @default - HTTP GET of `healthPath` every 10 s, out of the Service after 1 failure
   */
  readonly readinessProbe?: Probe;
  /**
   * Startup probe (needs `port`).
   * @default - the pod extras' `startupProbe`, else none
   */
  readonly startupProbe?: Probe;
  /**
   * Pod `restartPolicy` (`Never` or `OnFailure` for Jobs).
   * @default - the controller's default (`Always`)
   */
  readonly restartPolicy?: string;
}

/**
 * What a workload kind renders its objects with on one cluster (or one edge site's
 * variant): the cluster, the labels, the pod extras, and builders of the hardened pod
 * template and default-deny NetworkPolicy every built-in kind uses. Built by the fleet
 * and handed to `WorkloadBase.renderObjects`.
 */
export class WorkloadRenderContext {
  /**
   * Builds the context of `workload` on `cluster`.
   * @internal
   */
  public static _of(workload: PodSubject, cluster: ICluster, fleetLabels: { [key: string]: string }, extras: PodExtras): WorkloadRenderContext {
    return new WorkloadRenderContext(workload, cluster, fleetLabels, extras);
  }

  /** The cluster being rendered for (at an edge site: a stand-in whose `clusterName` is the site placeholder). */
  public readonly cluster: ICluster;
  /** The fleet's labels plus the team's (what the fleet stamps on every object). */
  public readonly fleetLabels: { [key: string]: string };
  /** The labels of every object of the workload: the fleet's, the team's and the `app.kubernetes.io/*` ones. */
  public readonly labels: { [key: string]: string };
  /** The labels that select the workload's pods (`app.kubernetes.io/name` and `instance`). */
  public readonly selectorLabels: { [key: string]: string };
  /** What the kind's `podExtras(cluster)` returned, computed once. */
  public readonly podExtras: PodExtras;
  private readonly workload: PodSubject;

  private constructor(workload: PodSubject, cluster: ICluster, fleetLabels: { [key: string]: string }, extras: PodExtras) {
    this.workload = workload;
    this.cluster = cluster;
    this.fleetLabels = fleetLabels;
    this.labels = workloadLabels(workload, fleetLabels);
    this.selectorLabels = { 'app.kubernetes.io/name': workload.workloadName, 'app.kubernetes.io/instance': workload.workloadName };
    this.podExtras = extras;
  }

  /**
   * Object metadata: `name` (the workload's name unless given), the workload's namespace and `labels`.
   * @param name object name
   */
  public metadata(name?: string): { [key: string]: any } {
    return { name: name ?? this.workload.workloadName, namespace: this.workload.namespace, labels: this.labels };
  }

  /** The workload's ServiceAccount (the pods run as it; no API token is mounted). */
  public serviceAccount(): { [key: string]: any } {
    return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: this.metadata(), automountServiceAccountToken: false };
  }

  /**
   * The hardened pod template (Pod Security `restricted`, no service account token,
   * read-only root with `/tmp` on an emptyDir, requests and limits, zone spread,
   * OpenTelemetry environment, the workload's env, volumes, command and args, plus the pod extras).
   */
  public podTemplate(options: PodTemplateOptions = {}): { [key: string]: any } {
    return podTemplate(this.workload, this.cluster, this.labels, this.fleetLabels, this.podExtras, options);
  }

  /**
   * The default-deny NetworkPolicy of the workload's pods: the given ingress rules
   * (Kubernetes `NetworkPolicyIngressRule` JSON), egress to cluster DNS, the declared
   * `allowTo`, the workloads it may call and the fleet's OpenTelemetry collector.
   * @param ingress ingress rules
   */
  public networkPolicy(ingress: Array<{ [key: string]: any }> = []): { [key: string]: any } {
    return networkPolicy(this.workload, this.metadata(), this.selectorLabels, ingress, this.cluster);
  }
}
