import { Construct } from 'constructs';
import type { WorkloadRenderContext } from './render-context';
import { WorkloadBase, WorkloadCommonProps } from './workload-base';
import { ICluster } from '../clusters/cluster';
import { invalid, show } from '../core/errors';
import { cronProblem } from '../core/grammar/cron';

/**
 * Properties of a batch job: the common workload props (container, placement, team,
 * sidecars) and what a run to completion needs; no service props (replicas, port,
 * probes, allowFrom, autoscaling, route).
 */
export interface BatchJobProps extends WorkloadCommonProps {
  /**
   * Cron schedule (five fields, e.g. `0 3 * * *`): makes it a CronJob.
   * @default - a one-off Job
   */
  readonly schedule?: string;
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

/** Service props a batch job does not take (a JavaScript caller can still pass them). */
const SERVICE_ONLY = ['replicas', 'port', 'healthPath', 'livenessProbe', 'readinessProbe', 'startupProbe', 'allowFrom', 'autoscaling', 'route'];

/**
 * A run-to-completion workload (Job, or CronJob with `schedule`) with the same hardened
 * pod template as services: Pod Security `restricted`, requests and limits, no token,
 * a default-deny NetworkPolicy (no ingress; DNS and the declared egress only).
 */
export class BatchJob extends WorkloadBase {
  /** Cron schedule, when it is a CronJob. */
  public readonly schedule?: string;
  /** The job's props, as given. */
  public readonly props: BatchJobProps;

  constructor(scope: Construct, id: string, props: BatchJobProps) {
    super(scope, id, props);
    this.props = props;
    this.schedule = props.schedule;
    const given = SERVICE_ONLY.filter(key => (props as unknown as Record<string, unknown>)[key] !== undefined);
    if (given.length > 0) {
      invalid(KIND, this, `${given.join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to services, not to batch jobs (a job runs to completion: ` +
        'use parallelism and completions instead of replicas; it serves no port); remove ' + (given.length === 1 ? 'it' : 'them'));
    }
    const cron = props.schedule === undefined ? undefined : cronProblem(props.schedule);
    if (cron) invalid(KIND, this, `schedule ${show(props.schedule)} is not a cron schedule: ${cron}; use five fields (e.g. '0 3 * * *') or a descriptor such as '@daily'`);
    for (const [what, value, min] of [['backoffLimit', props.backoffLimit, 0], ['activeDeadlineSeconds', props.activeDeadlineSeconds, 1],
      ['completions', props.completions, 1], ['parallelism', props.parallelism, 1], ['ttlSecondsAfterFinished', props.ttlSecondsAfterFinished, 0]] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < min)) invalid(KIND, this, `${what} ${show(value)} must be a whole number ≥ ${min}`);
    }
  }

  /** At most `parallelism` pods run at once (a CronJob forbids overlapping runs). */
  public maxPods(_cluster: ICluster): number {
    return this.props.parallelism ?? 1;
  }

  /** ServiceAccount, Job (CronJob with `schedule`) and a NetworkPolicy without ingress. */
  public renderObjects(context: WorkloadRenderContext): Array<{ [key: string]: any }> {
    const job = this.props;
    const metadata = context.metadata();
    const jobSpec = {
      backoffLimit: job.backoffLimit ?? 3,
      ...(job.activeDeadlineSeconds ? { activeDeadlineSeconds: job.activeDeadlineSeconds } : {}),
      completions: job.completions ?? 1,
      parallelism: job.parallelism ?? 1,
      ttlSecondsAfterFinished: job.ttlSecondsAfterFinished ?? 86400,
      template: context.podTemplate({ restartPolicy: 'Never' }),
    };
    const controller = this.schedule
      ? { apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: this.schedule, concurrencyPolicy: 'Forbid', jobTemplate: { metadata: { labels: context.labels }, spec: jobSpec } } }
      : { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: jobSpec };
    return [context.serviceAccount(), controller, context.networkPolicy([])];
  }
}
