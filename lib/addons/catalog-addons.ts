import { ITerraformDependable } from 'cdktf';
import { AddonContext } from './addon-context';
import { AddonPlan } from './addon-plan';
import { ADDON_CHARTS, AddonName } from './catalog';
import {
  ciliumValues, clusterAutoscalerValues, karpenterValues, kedaValues, metricsServerValues, openTelemetryCollectorValues,
} from './chart-values';
import { clusterAutoscalerStatements, karpenterStatements, PodIdentity } from './eks-pod-identity';
import { gpuOperatorValues } from './gpu-operator-values';
import { kedaIdentity } from './keda-identity';
import { IAddon, IAddonContext } from '../clusters/addon';
import { EksCluster } from '../clusters/eks/eks-cluster';
import { aws } from '../clusters/eks/eks-resources';
import { Capability } from '../core/capability';
import { FleetValidationError } from '../core/errors';

/**
 * A catalog add-on (`ClusterAddonOptions`): the pinned chart of `ADDON_CHARTS[name]`
 * installed through the same IAddon interface users implement.
 */
abstract class CatalogAddon implements IAddon {
  public readonly requires: Capability[] = [];
  public readonly podNetwork?: boolean;

  constructor(public readonly addonName: AddonName, public readonly provides: Capability[], podNetwork = false) {
    if (podNetwork) this.podNetwork = true;
  }

  public abstract install(context: IAddonContext): void;

  /** The add-ons stack's context (catalog add-ons run only there). */
  protected context(context: IAddonContext): AddonContext {
    if (!(context instanceof AddonContext)) throw new FleetValidationError(`add-on '${this.addonName}' runs only in a cluster's add-ons stack`);
    return context;
  }

  protected release(context: IAddonContext, values: Record<string, any>, dependsOn: ITerraformDependable[] = [], namespace?: string): void {
    const chart = ADDON_CHARTS[this.addonName];
    context.addHelmRelease({
      release: chart.release,
      chart: chart.chart,
      repository: chart.repository,
      version: chart.version,
      namespace: namespace ?? chart.namespace,
      values,
      dependsOn,
      allowSystemNamespace: true,
    });
  }

  /** The EKS cluster an EKS-only add-on is installed into. */
  protected eks(context: IAddonContext): EksCluster {
    const cluster = this.context(context).cluster;
    if (!(cluster instanceof EksCluster)) {
      throw new FleetValidationError(`cluster '${cluster.node.path}': add-on '${this.addonName}' is for EKS clusters built by the fleet only`, cluster.node.path);
    }
    return cluster;
  }

  /** The stack's AWS provider in the cluster's region (added once). */
  protected awsProvider(context: IAddonContext, eks: EksCluster): void {
    const stack = this.context(context).stack;
    if (!stack.node.tryFindChild('aws')) new aws.AwsProvider(stack, 'aws', { region: eks.region });
  }
}

/** Cilium chained to the VPC CNI: the pod network every other release waits for. */
class CiliumAddon extends CatalogAddon {
  constructor() { super('cilium', [], true); }
  public install(context: IAddonContext): void {
    this.release(context, ciliumValues(this.context(context).cluster));
  }
}

class GpuOperatorAddon extends CatalogAddon {
  constructor() { super('gpuOperator', [Capability.GPU_DEVICE_PLUGIN]); }
  public install(context: IAddonContext): void {
    this.release(context, gpuOperatorValues(this.context(context).cluster));
  }
}

class MetricsServerAddon extends CatalogAddon {
  constructor() { super('metricsServer', [Capability.METRICS]); }
  public install(context: IAddonContext): void {
    this.release(context, metricsServerValues());
  }
}

class KedaAddon extends CatalogAddon {
  constructor(private readonly plan: AddonPlan) { super('keda', [Capability.KEDA]); }
  public install(context: IAddonContext): void {
    const ctx = this.context(context);
    const triggers = this.plan.kedaTriggers ?? [];
    if (ctx.cluster._isImported() && triggers.length > 0) {
      throw new FleetValidationError(`cluster '${ctx.cluster.node.path}': ${triggers[0].workload} scales on ${triggers[0].trigger.type}, which reads a cloud service with ` +
        "the KEDA operator's cloud identity; the fleet sets that identity up only on clusters it builds. On an imported cluster, install KEDA " +
        'with its identity yourself (addHelmChart with provides: [Capability.KEDA]) and leave addons.keda unset', ctx.cluster.node.path);
    }
    if (ctx.cluster instanceof EksCluster && this.plan.kedaTriggers !== undefined) this.awsProvider(context, ctx.cluster);
    const identity = kedaIdentity(ctx.stack, ctx.cluster, this.plan.kedaTriggers ?? []);
    this.release(context, kedaValues(identity.values), identity.dependables);
  }
}

class OpenTelemetryCollectorAddon extends CatalogAddon {
  constructor(private readonly plan: AddonPlan) { super('openTelemetryCollector', []); }
  public install(context: IAddonContext): void {
    this.release(context, openTelemetryCollectorValues(this.plan.collector!, this.plan.exportEndpoint!), [], this.plan.collector!.namespace);
  }
}

class ClusterAutoscalerAddon extends CatalogAddon {
  constructor() { super('clusterAutoscaler', []); }
  public install(context: IAddonContext): void {
    const eks = this.eks(context);
    this.awsProvider(context, eks);
    const chart = ADDON_CHARTS.clusterAutoscaler;
    const identity = new PodIdentity(context.stack, 'cluster-autoscaler-identity', {
      clusterName: eks.clusterName,
      roleName: `${eks.clusterName}-cluster-autoscaler`.slice(0, 64),
      namespace: chart.namespace,
      serviceAccount: chart.release,
      statements: clusterAutoscalerStatements(eks.clusterName),
    });
    this.release(context, clusterAutoscalerValues(eks, eks.region, chart.release), identity.dependables);
  }
}

class KarpenterAddon extends CatalogAddon {
  constructor() { super('karpenter', []); }
  public install(context: IAddonContext): void {
    const eks = this.eks(context);
    this.awsProvider(context, eks);
    const chart = ADDON_CHARTS.karpenter;
    const identity = new PodIdentity(context.stack, 'karpenter-identity', {
      clusterName: eks.clusterName,
      roleName: `${eks.clusterName}-karpenter`.slice(0, 64),
      namespace: chart.namespace,
      serviceAccount: chart.release,
      statements: karpenterStatements(eks.clusterName, eks.nodeRoleArn),
    });
    this.release(context, karpenterValues(eks, chart.release), identity.dependables);
  }
}

/**
 * Envoy Gateway on EKS and AKS: its chart installs the Gateway API (standard channel) CRDs
 * and the controller (https://gateway.envoyproxy.io/docs/install/install-helm/); synth
 * writes the GatewayClass and the Gateways the routes attach to (gateways.yaml).
 */
class EnvoyGatewayAddon extends CatalogAddon {
  constructor() { super('envoyGateway', [Capability.GATEWAY_API]); }
  public install(context: IAddonContext): void {
    this.release(context, {});
  }
}

/** The catalog add-ons `plan` chose, as IAddons in the plan's order. */
export function catalogAddons(plan: AddonPlan): IAddon[] {
  const make: Record<AddonName, () => IAddon> = {
    cilium: () => new CiliumAddon(),
    gpuOperator: () => new GpuOperatorAddon(),
    metricsServer: () => new MetricsServerAddon(),
    keda: () => new KedaAddon(plan),
    openTelemetryCollector: () => new OpenTelemetryCollectorAddon(plan),
    clusterAutoscaler: () => new ClusterAutoscalerAddon(),
    karpenter: () => new KarpenterAddon(),
    envoyGateway: () => new EnvoyGatewayAddon(),
  };
  return plan.addons.map(name => make[name]());
}
