import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AddonContext, InstalledRelease } from './addon-context';
import { AddonPlan } from './addon-plan';
import { ADDON_CATALOG_VERSION } from './catalog';
import { catalogAddons } from './catalog-addons';
import { helm } from './helm-resources';
import { addWorkloadIdentities } from './workload-identity-resources';
import { IAddon } from '../clusters/addon';
import { ClusterStack } from '../clusters/cluster-stack';
import { FleetValidationError } from '../core/errors';

/**
 * The `<cluster>-addons` stack: the cluster's add-ons as `helm_release` resources.
 * The Helm provider reaches the API server through the cluster stack's outputs
 * (endpoint, CA; read from its state) and authenticates with the cloud's CLI, so the
 * stack plans only after the cluster stack has been applied (a later plan wave).
 * Every add-on, the catalog's and the user's, installs itself through one AddonContext.
 */
export class ClusterAddonsStack extends TerraformStack {
  /** The cluster the add-ons are installed into. */
  public readonly cluster: ClusterStack;
  /** The add-ons, in install order. */
  public readonly addons: IAddon[];
  private readonly releases: InstalledRelease[];

  constructor(scope: Construct, id: string, cluster: ClusterStack, plan: AddonPlan) {
    super(scope, id);
    this.cluster = cluster;
    this.addDependency(cluster);
    const exec = cluster._kubeconfigExec();
    new helm.HelmProvider(this, 'helm', {
      kubernetes: {
        host: cluster.endpoint,
        clusterCaCertificate: Fn.base64decode(cluster.certificateAuthorityData),
        exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: exec.command, args: exec.args },
      },
    });
    const all = [...catalogAddons(plan), ...plan.custom];
    const names = new Set<string>();
    for (const addon of all) {
      if (names.has(addon.addonName)) {
        throw new FleetValidationError(`cluster '${cluster.node.path}': two add-ons are named '${addon.addonName}'; add-on names must be unique per cluster`, cluster.node.path);
      }
      names.add(addon.addonName);
    }
    // Pod network add-ons (Cilium) first: pods of the other add-ons need the network policy dataplane.
    this.addons = [...all.filter(a => a.podNetwork === true), ...all.filter(a => a.podNetwork !== true)];
    const context = new AddonContext(this, cluster);
    for (const addon of this.addons) context.install(addon);
    this.releases = context.releases;
    // After the add-ons: their providers (aws, google, azurerm) are reused, not created twice.
    if (plan.workloadIdentities) addWorkloadIdentities(this, cluster, plan.workloadIdentities);
  }

  /** A summary for manifest.json: the cluster, the catalog version and each release's chart. */
  public describe(): { [key: string]: any } {
    return {
      cluster: this.cluster.node.id,
      cloud: this.cluster.cloud,
      catalogVersion: ADDON_CATALOG_VERSION,
      releases: this.releases.map(r => ({ ...r })),
    };
  }
}
