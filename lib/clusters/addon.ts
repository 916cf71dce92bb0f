import { ITerraformDependable, TerraformStack } from 'cdktf';
import type { ICluster } from './cluster';
import { Capability } from '../core/capability';

/**
 * One Helm release an add-on installs (a `helm_release` of the cluster's
 * `<cluster>-addons` stack). Checked when it is added: the same rules as
 * `Addon.helmChart`.
 */
export interface HelmReleaseOptions {
  /** Release name: a DNS-1123 label of at most 53 characters, unique in the cluster (also the Terraform resource name). */
  readonly release: string;
  /** Chart name in the repository (lowercase letters, digits, '-', '_' and '.'). */
  readonly chart: string;
  /** Helm repository: an `https://` chart index or an `oci://` registry. */
  readonly repository: string;
  /** Exact chart version (semantic version, an optional leading `v`; no ranges). */
  readonly version: string;
  /** Namespace the release is installed into (created by Helm when missing); a DNS-1123 label. */
  readonly namespace: string;
  /**
   * Chart values, written as JSON with sorted keys.
   * @default - the chart's defaults
   */
  readonly values?: { [key: string]: any };
  /**
   * Resources the release waits for (e.g. a cloud role its service account uses).
   * @default - only the cluster's pod network add-ons
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Allow `kube-system` (or another `kube-*` namespace), for node-level system
   * components such as a CNI, a CSI driver or a node autoscaler.
   * @default false
   */
  readonly allowSystemNamespace?: boolean;
}

/**
 * What an add-on gets when it is installed: the cluster, the `<cluster>-addons`
 * Terraform stack (for any other resource it needs, added with deep imports such as
 * `@cdktf/provider-aws/lib/iam-role`) and a way to add Helm releases.
 */
export interface IAddonContext {
  /** The cluster the add-on is installed into. */
  readonly cluster: ICluster;
  /** The cluster's `<cluster>-addons` stack, the scope for the add-on's own Terraform resources. */
  readonly stack: TerraformStack;
  /**
   * Adds a Helm release to the stack. It waits for the cluster's pod network add-ons
   * (e.g. Cilium) and for `options.dependsOn`; the namespace is created by Helm.
   * Fails when the options break a rule or the release name is already used on the cluster.
   */
  addHelmRelease(options: HelmReleaseOptions): ITerraformDependable;
}

/**
 * An in-cluster add-on: what it provides and needs, and how it installs itself into
 * the cluster's `<cluster>-addons` stack. The add-ons cdk-fleet installs by itself
 * (`ClusterAddonOptions`) are built on this interface too; add your own with
 * `cluster.addAddon()` or `cluster.addHelmChart()`.
 */
export interface IAddon {
  /** The add-on's name, unique on a cluster (a DNS-1123 label), shown in manifest.json and errors. */
  readonly addonName: string;
  /**
   * Capabilities the add-on provides once installed: a workload needing one of them
   * is satisfied by the add-on, and the fleet installs nothing else for it.
   */
  readonly provides: Capability[];
  /**
   * Capabilities the add-on needs from the cluster, resolved like a workload's needs
   * (the cluster's settings, `provides`, other add-ons).
   */
  readonly requires: Capability[];
  /**
   * Whether the add-on is the cluster's pod network (e.g. Cilium): it is installed
   * first and every other release waits for it.
   * @default false
   */
  readonly podNetwork?: boolean;
  /** Adds the add-on's Helm release(s) and Terraform resources, called once at synth. */
  install(context: IAddonContext): void;
}
