import type { Release } from '@cdktf/provider-helm/lib/release';
import { Fn, ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AddonPlan } from './addon-plan';
import { ADDON_CATALOG_VERSION, ADDON_CHARTS, AddonName } from './catalog';
import {
  ciliumValues, clusterAutoscalerValues, karpenterValues, kedaValues, metricsServerValues, openTelemetryCollectorValues,
} from './chart-values';
import { clusterAutoscalerStatements, karpenterStatements, PodIdentity } from './eks-pod-identity';
import { gpuOperatorValues } from './gpu-operator-values';
import { helm } from './helm-resources';
import { kedaIdentity } from './keda-identity';
import { ClusterStack } from '../clusters/cluster-stack';
import { EksCluster } from '../clusters/eks/eks-cluster';
import { aws } from '../clusters/eks/eks-resources';
import { sortKeys } from '../core/stable-json';

/** Helm waits this long for a release's resources to become ready (seconds). */
const RELEASE_TIMEOUT = 900;

/**
 * The `<cluster>-addons` stack: the cluster's add-ons as `helm_release` resources.
 * The Helm provider reaches the API server through the cluster stack's outputs
 * (endpoint, CA; read from its state) and authenticates with the cloud's CLI, so the
 * stack plans only after the cluster stack has been applied (a later plan wave).
 */
export class ClusterAddonsStack extends TerraformStack {
  /** The cluster the add-ons are installed into. */
  public readonly cluster: ClusterStack;
  /** The add-ons, in install order. */
  public readonly addons: AddonName[];

  constructor(scope: Construct, id: string, cluster: ClusterStack, plan: AddonPlan) {
    super(scope, id);
    this.cluster = cluster;
    this.addons = [...plan.addons];
    this.addDependency(cluster);
    const exec = cluster._kubeconfigExec();
    new helm.HelmProvider(this, 'helm', {
      kubernetes: {
        host: cluster.endpoint,
        clusterCaCertificate: Fn.base64decode(cluster.certificateAuthorityData),
        exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: exec.command, args: exec.args },
      },
    });
    const eks = cluster instanceof EksCluster ? cluster : undefined;
    if (eks && (plan.addons.includes('clusterAutoscaler') || plan.addons.includes('karpenter') || plan.kedaTriggers !== undefined)) {
      new aws.AwsProvider(this, 'aws', { region: eks.region });
    }
    // Cilium first: pods of the other add-ons need the network policy dataplane.
    const cilium = plan.addons.includes('cilium') ? this.release('cilium', ciliumValues(cluster)) : undefined;
    const after: ITerraformDependable[] = cilium ? [cilium] : [];
    for (const name of plan.addons) {
      switch (name) {
        case 'gpuOperator': this.release(name, gpuOperatorValues(cluster), after); break;
        case 'metricsServer': this.release(name, metricsServerValues(), after); break;
        case 'keda': {
          const identity = kedaIdentity(this, cluster, plan.kedaTriggers ?? []);
          this.release(name, kedaValues(identity.values), [...after, ...identity.dependables]);
          break;
        }
        case 'openTelemetryCollector': this.release(name, openTelemetryCollectorValues(plan.collector!, plan.exportEndpoint!), after, plan.collector!.namespace); break;
        case 'clusterAutoscaler': this.autoscaler(eks!, after); break;
        case 'karpenter': this.karpenter(eks!, after); break;
        case 'envoyGateway': this.release(name, {}, after); break;
        default: break;
      }
    }
  }

  /** A summary for manifest.json: the cluster, the catalog version and each release's chart. */
  public describe(): { [key: string]: any } {
    return {
      cluster: this.cluster.node.id,
      cloud: this.cluster.cloud,
      catalogVersion: ADDON_CATALOG_VERSION,
      releases: this.addons.map(name => {
        const chart = ADDON_CHARTS[name];
        return { addon: name, release: chart.release, chart: chart.chart, version: chart.version, repository: chart.repository };
      }),
    };
  }


  private autoscaler(eks: EksCluster, after: ITerraformDependable[]): void {
    const chart = ADDON_CHARTS.clusterAutoscaler;
    const identity = new PodIdentity(this, 'cluster-autoscaler-identity', {
      clusterName: eks.clusterName,
      roleName: `${eks.clusterName}-cluster-autoscaler`.slice(0, 64),
      namespace: chart.namespace,
      serviceAccount: chart.release,
      statements: clusterAutoscalerStatements(eks.clusterName),
    });
    this.release('clusterAutoscaler', clusterAutoscalerValues(eks, eks.region, chart.release), [...after, ...identity.dependables]);
  }

  private karpenter(eks: EksCluster, after: ITerraformDependable[]): void {
    const chart = ADDON_CHARTS.karpenter;
    const identity = new PodIdentity(this, 'karpenter-identity', {
      clusterName: eks.clusterName,
      roleName: `${eks.clusterName}-karpenter`.slice(0, 64),
      namespace: chart.namespace,
      serviceAccount: chart.release,
      statements: karpenterStatements(eks.clusterName, eks.nodeRoleArn),
    });
    this.release('karpenter', karpenterValues(eks, chart.release), [...after, ...identity.dependables]);
  }

  private release(name: AddonName, values: Record<string, any>, dependsOn: ITerraformDependable[] = [], namespace?: string): Release {
    const chart = ADDON_CHARTS[name];
    const release = new helm.Release(this, chart.release, {
      name: chart.release,
      chart: chart.chart,
      repository: chart.repository,
      version: chart.version,
      namespace: namespace ?? chart.namespace,
      createNamespace: true,
      atomic: true,
      cleanupOnFail: true,
      timeout: RELEASE_TIMEOUT,
      values: [sortedJson(values)],
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    });
    return release;
  }
}

/** JSON (valid YAML) with sorted keys, so values never change with construction order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), undefined, 2);
}
