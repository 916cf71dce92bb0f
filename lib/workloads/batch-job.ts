import { Construct } from 'constructs';
import { podTemplate } from './pod-template';
import { Workload, WorkloadProps } from './workload';
import { networkPolicy, workloadLabels } from './workload-objects';
import { ICluster } from '../clusters/cluster';
import { invalid, show } from '../core/errors';
import { cronProblem } from '../core/grammar/cron';

/** Properties of a batch job. */
export interface BatchJobProps extends WorkloadProps {
  /**
   * Cron schedule (five fields, e.g. `0 3 * * *`): makes it a CronJob.
   * @default - a one-off Job
   */
  readonly schedule?: string;
  /**
   * Container command (entrypoint).
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Container arguments.
   * @default - the image's arguments
   */
  readonly args?: string[];
  /**
   * Retries before the Job fails.
   * @default 3
   */
  readonly backoffLimit?: number;
  /**
   * Longest a Job may run, in seconds.
   * @default - no deadline
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Pods that must succeed.
   * @default 1
   */
  readonly completions?: number;
  /**
   * Pods running at once.
   * @default 1
   */
  readonly parallelism?: number;
  /**
   * Seconds a finished Job is kept.
   * @default 86400
   */
  readonly ttlSecondsAfterFinished?: number;
}

const KIND = 'batchJob';

/**
 * A run-to-completion workload (Job, or CronJob with `schedule`) with the same hardened
 * pod template as services: Pod Security `restricted`, requests and limits, no token,
 * a default-deny NetworkPolicy (no ingress; DNS and the declared egress only).
 */
export class BatchJob extends Workload {
  /** Cron schedule, when it is a CronJob. */
  public readonly schedule?: string;
  private readonly job: BatchJobProps;

  constructor(scope: Construct, id: string, props: BatchJobProps) {
    super(scope, id, props);
    this.job = props;
    this.schedule = props.schedule;
    if (props.route || props.autoscaling || props.allowFrom) {
      invalid(KIND, this, 'route, autoscaling and allowFrom apply to services, not to batch jobs; remove them');
    }
    const cron = props.schedule === undefined ? undefined : cronProblem(props.schedule);
    if (cron) invalid(KIND, this, `schedule ${show(props.schedule)} is not a cron schedule: ${cron}; use five fields (e.g. '0 3 * * *') or a descriptor such as '@daily'`);
    for (const [what, value, min] of [['backoffLimit', props.backoffLimit, 0], ['activeDeadlineSeconds', props.activeDeadlineSeconds, 1],
      ['completions', props.completions, 1], ['parallelism', props.parallelism, 1], ['ttlSecondsAfterFinished', props.ttlSecondsAfterFinished, 0]] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < min)) invalid(KIND, this, `${what} ${show(value)} must be a whole number ≥ ${min}`);
    }
  }

  /** @internal */
  public _renderObjects(cluster: ICluster, fleetLabels: Record<string, string>): Array<Record<string, any>> {
    const name = this.workloadName;
    const labels = workloadLabels(this, fleetLabels);
    const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
    const metadata = { name, namespace: this.namespace, labels };
    const extras = { ...this._podExtras(cluster), command: this.job.command, args: this.job.args };
    const jobSpec = {
      backoffLimit: this.job.backoffLimit ?? 3,
      ...(this.job.activeDeadlineSeconds ? { activeDeadlineSeconds: this.job.activeDeadlineSeconds } : {}),
      completions: this.job.completions ?? 1,
      parallelism: this.job.parallelism ?? 1,
      ttlSecondsAfterFinished: this.job.ttlSecondsAfterFinished ?? 86400,
      template: podTemplate(this, cluster, labels, fleetLabels, extras, false),
    };
    const controller = this.schedule
      ? { apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: this.schedule, concurrencyPolicy: 'Forbid', jobTemplate: { metadata: { labels }, spec: jobSpec } } }
      : { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: jobSpec };
    return [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata, automountServiceAccountToken: false },
      controller,
      networkPolicy(this, metadata, selector, []),
    ];
  }
}
