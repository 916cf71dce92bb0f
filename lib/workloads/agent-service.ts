import { Construct } from 'constructs';
import { isCloudScaler, triggerAuthenticationSpec } from './keda-auth';
import { PodExtras } from './pod-extras';
import { stateStorageClass } from './storage-class';
import { Workload, WorkloadProps } from './workload';
import { ICluster } from '../clusters/cluster';
import { Capability } from '../core/capability';
import { Cloud } from '../core/cloud';
import { invalid, nearMatches, show } from '../core/errors';
import { GKE_SANDBOX_NODE_LABEL, GKE_SANDBOX_TAINT, SANDBOX_POOL_LABEL } from '../core/gke-sandbox';
import { KEDA_SCALER_TYPES, KEDA_SCALERS_VERSION } from '../core/keda-scalers';
import { dns1123LabelProblem } from '../core/names';

/** A KEDA trigger (https://keda.sh scalers), e.g. an SQS queue or a Redis list. */
export interface KedaTrigger {
  /** Scaler type, e.g. `aws-sqs-queue`, `redis`, `kafka`, `prometheus`. */
  readonly type: string;
  /** Scaler settings, e.g. `{ queueURL: '...', queueLength: '5', awsRegion: 'us-east-1' }`. */
  readonly metadata: { [key: string]: string };
  /**
   * Azure resource id the KEDA operator's identity is given read access to, for an
   * `azure-servicebus`, `azure-queue` or `azure-blob` trigger on AKS (the trigger metadata names
   * the queue or container but not its resource): a Service Bus namespace or queue id
   * (`/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ServiceBus/namespaces/<ns>[/queues/<q>]`)
   * gets "Azure Service Bus Data Owner" (reading runtime properties needs the Manage claim), a
   * storage account or queue id (`.../providers/Microsoft.Storage/storageAccounts/<account>[/queueServices/default/queues/<q>]`)
   * gets "Storage Queue Data Reader", a storage account or blob container id
   * (`.../storageAccounts/<account>[/blobServices/default/containers/<c>]`) gets "Storage Blob Data Reader".
   * Required for those triggers on AKS; unused elsewhere.
   * @default - none (synth fails for an Azure queue or blob trigger on AKS)
   */
  readonly cloudResourceId?: string;
}

/** Event-driven scaling of an agent service through KEDA. */
export interface AgentEventScaling {
  /**
   * Fewest replicas; 0 lets the agents scale to zero when idle.
   * @default 0
   */
  readonly minReplicas?: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /** What drives the replica count. */
  readonly triggers: KedaTrigger[];
}

/** Properties of an agent service. */
export interface AgentServiceProps extends WorkloadProps {
  /**
   * Scale on events (queue depth, stream lag, ...) with a KEDA ScaledObject.
   * @default - `autoscaling` (HPA) or a fixed replica count
   */
  readonly eventScaling?: AgentEventScaling;
  /**
   * Persistent state per agent replica in GiB: the agents run as a StatefulSet with a
   * volume at `/var/lib/agent`.
   * @default - stateless
   */
  readonly stateGib?: number;
  /**
   * Storage class of the state volumes.
   * @default - the cluster's default class
   */
  readonly storageClass?: string;
  /**
   * Run in a sandboxed runtime (gVisor or Kata) for untrusted tool execution.
   * @default false
   */
  readonly sandbox?: boolean;
  /**
   * RuntimeClass of the sandbox (`gvisor` is GKE Sandbox's; install one elsewhere).
   * @default 'gvisor'
   */
  readonly sandboxRuntimeClass?: string;
}

const KIND = 'agentService';

/**
 * An AI agent service: a hardened workload that scales on its own (KEDA on events or
 * an HPA), may keep per-agent state (StatefulSet + PVC), reaches only the APIs it is
 * allowed to (`allowTo`), and can run tools in a sandboxed runtime class.
 */
export class AgentService extends Workload {
  private readonly agent: AgentServiceProps;

  constructor(scope: Construct, id: string, props: AgentServiceProps) {
    super(scope, id, props);
    this.agent = props;
    const scaling = props.eventScaling;
    if (scaling) {
      if (props.autoscaling) invalid(KIND, this, 'eventScaling and autoscaling exclude each other; choose one');
      const min = scaling.minReplicas ?? 0;
      if (!Number.isInteger(min) || min < 0) invalid(KIND, this, `eventScaling.minReplicas ${show(scaling.minReplicas)} must be a whole number ≥ 0`);
      if (!Number.isInteger(scaling.maxReplicas) || scaling.maxReplicas < Math.max(1, min)) {
        invalid(KIND, this, `eventScaling.maxReplicas ${show(scaling.maxReplicas)} must be a whole number ≥ max(1, minReplicas ${min})`);
      }
      if (!scaling.triggers || scaling.triggers.length === 0) invalid(KIND, this, 'eventScaling.triggers is empty; give at least one KEDA trigger (e.g. { type: \'aws-sqs-queue\', metadata: {...} })');
      scaling.triggers.forEach((t, i) => {
        if (!KEDA_SCALER_TYPES.includes(t.type)) {
          const near = typeof t.type === 'string' ? nearMatches(t.type, KEDA_SCALER_TYPES) : [];
          invalid(KIND, this, `eventScaling.triggers[${i}].type ${show(t.type)} is not a KEDA ${KEDA_SCALERS_VERSION} scaler type ` +
            `(${near.length > 0 ? `did you mean ${near.map(n => `'${n}'`).join(', ')}?` : 'e.g. \'aws-sqs-queue\', \'kafka\', \'prometheus\''}; a custom scaler is 'external')`);
        }
      });
    }
    if (props.stateGib !== undefined && (!Number.isInteger(props.stateGib) || props.stateGib < 1)) {
      invalid(KIND, this, `stateGib ${show(props.stateGib)} must be a whole number of GiB ≥ 1`);
    }
    const runtime = props.sandboxRuntimeClass ?? 'gvisor';
    const problem = dns1123LabelProblem(runtime);
    if (problem) invalid(KIND, this, `sandboxRuntimeClass ${show(runtime)} is not a DNS-1123 label: ${problem}`);
  }

  /** The sandbox runtime class, the per-replica state volume, and the KEDA ScaledObject (with a TriggerAuthentication for cloud triggers). */
  public podExtras(cluster: ICluster): PodExtras {
    const p = this.agent;
    const scaling = p.eventScaling;
    const storageClass = p.stateGib && !p.storageClass ? stateStorageClass(cluster) : undefined;
    return {
      ...(p.sandbox ? {
        runtimeClassName: p.sandboxRuntimeClass ?? 'gvisor',
        ...gkeSandboxPlacement(cluster, p.sandboxRuntimeClass ?? 'gvisor'),
        requires: [{ capability: Capability.SANDBOX_RUNTIME, reason: `sandbox (runtimeClassName ${p.sandboxRuntimeClass ?? 'gvisor'})` }],
      } : {}),
      ...(p.stateGib ? {
        stateVolume: { sizeGib: p.stateGib, storageClass: p.storageClass ?? storageClass?.metadata.name },
        ...(storageClass ? { objects: [storageClass] } : {}),
        volumeMounts: [{ name: 'state', mountPath: '/var/lib/agent' }],
      } : {}),
      ...(scaling ? this.kedaScaling(scaling, cluster) : {}),
    };
  }

  /**
   * The ScaledObject spec and, when a trigger reads a service of the cluster's cloud, a
   * TriggerAuthentication (named like the workload) that its triggers reference.
   */
  private kedaScaling(scaling: AgentEventScaling, cluster: ICluster): PodExtras {
    const name = this.workloadName;
    const authenticated = (t: KedaTrigger) => isCloudScaler(cluster.cloud, t.type);
    return {
      scaledObject: {
        minReplicaCount: scaling.minReplicas ?? 0,
        maxReplicaCount: scaling.maxReplicas,
        triggers: scaling.triggers.map(t => ({
          type: t.type,
          metadata: { ...t.metadata },
          ...(authenticated(t) ? { authenticationRef: { name } } : {}),
        })),
      },
      ...(scaling.triggers.some(authenticated) ? { triggerAuthentication: triggerAuthenticationSpec(cluster.cloud) } : {}),
    };
  }

  /** The event-scaling triggers (for the add-ons stack, which gives the KEDA operator its cloud identity). @internal */
  public get _kedaTriggers(): KedaTrigger[] {
    return [...(this.agent.eventScaling?.triggers ?? [])];
  }
}

/**
 * On a GKE cluster with a fleet GKE Sandbox pool, the selector and toleration GKE's `gvisor`
 * RuntimeClass adds at admission, written out so the fit check sees where the pods land.
 */
function gkeSandboxPlacement(cluster: ICluster, runtimeClass: string): PodExtras {
  const pools = cluster.cloud === Cloud.GCP && runtimeClass === 'gvisor' && cluster.nodePools.some(p => p.labels[SANDBOX_POOL_LABEL] === 'gvisor');
  if (!pools) return {};
  return {
    nodeSelector: { [GKE_SANDBOX_NODE_LABEL.key]: GKE_SANDBOX_NODE_LABEL.value },
    tolerations: [{ key: GKE_SANDBOX_TAINT.key, operator: 'Equal', value: GKE_SANDBOX_TAINT.value, effect: GKE_SANDBOX_TAINT.effect }],
  };
}
