import { ICluster, Probe, Team, Workload, WorkloadRenderContext } from 'cdk-fleet';
import { Construct } from 'constructs';
import { OWNER_LABEL } from './owner-label-pack';

/** Acme's standard service sizes (requests = limits, per replica). */
export enum ServiceSize {
  /** 250m CPU, 256Mi memory. */
  SMALL = 'small',
  /** 1 CPU, 1Gi memory. */
  MEDIUM = 'medium',
  /** 2 CPU, 4Gi memory. */
  LARGE = 'large',
}

const SIZES: { [size: string]: { cpu: string; memory: string } } = {
  small: { cpu: '250m', memory: '256Mi' },
  medium: { cpu: '1', memory: '1Gi' },
  large: { cpu: '2', memory: '4Gi' },
};

/** What a developer says about a service on Acme's golden path. */
export interface GoldenPathServiceProps {
  /** Container image, pinned by tag or digest. */
  readonly image: string;
  /** Who gets paged: an Acme team handle such as `payments-oncall` (the `acme.example/owner` label). */
  readonly owner: string;
  /** The team the service belongs to (namespace, quota, clusters). */
  readonly team: Team;
  /**
   * Clusters to run on.
   * @default - every cluster of the team
   */
  readonly placement?: ICluster[];
  /**
   * Size of each replica.
   * @default ServiceSize.SMALL
   */
  readonly size?: ServiceSize;
  /**
   * Most replicas per cluster (the autoscaler starts at 2).
   * @default 6
   */
  readonly maxReplicas?: number;
}

/**
 * Acme's golden-path HTTP service: cdk-fleet's hardened `Workload` with Acme's sizes,
 * autoscaling from 2 replicas, Acme's probe timings and the owner label on every object.
 */
export class GoldenPathService extends Workload {
  /** Who gets paged for the service. */
  public readonly owner: string;

  constructor(scope: Construct, id: string, props: GoldenPathServiceProps) {
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(props.owner ?? '')) {
      throw new Error(`GoldenPathService '${id}': owner '${props.owner}' must be an Acme team handle (lowercase letters, digits and '-', e.g. 'payments-oncall')`);
    }
    const size = SIZES[props.size ?? ServiceSize.SMALL];
    super(scope, id, {
      image: props.image,
      team: props.team,
      placement: props.placement ?? props.team.clusters,
      clusterSelector: props.placement || Object.keys(props.team.clusterSelector).length === 0 ? undefined : props.team.clusterSelector,
      resources: size,
      autoscaling: { minReplicas: 2, maxReplicas: props.maxReplicas ?? 6, cpuUtilization: 65 },
      readinessProbe: Probe.http({ path: '/ready', periodSeconds: 5 }),
      livenessProbe: Probe.http({ path: '/healthz', periodSeconds: 10, failureThreshold: 6 }),
    });
    this.owner = props.owner;
  }

  /** Cdk-fleet's objects for a service, each labelled with its owner. */
  public renderObjects(context: WorkloadRenderContext): Array<{ [key: string]: any }> {
    return super.renderObjects(context).map(obj => ({
      ...obj,
      metadata: { ...obj.metadata, labels: { ...obj.metadata?.labels, [OWNER_LABEL]: this.owner } },
    }));
  }
}
