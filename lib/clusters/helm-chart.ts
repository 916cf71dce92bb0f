import { IAddon } from './addon';
import { HelmChartAddon } from './helm-chart-addon';
import { Capability } from '../core/capability';

/** A Helm chart installed as a cluster add-on (`cluster.addHelmChart`, `Addon.helmChart`). */
export interface HelmChartOptions {
  /** Chart name in the repository (lowercase letters, digits, '-', '_' and '.'), e.g. `ingress-nginx`. */
  readonly chart: string;
  /** Helm repository: an `https://` chart index or an `oci://` registry. */
  readonly repository: string;
  /** Exact chart version, e.g. `4.12.1` (a semantic version, optionally with a leading `v`; no ranges). */
  readonly version: string;
  /** Namespace the chart is installed into, created by Helm when missing (a DNS-1123 label; not `default`). */
  readonly namespace: string;
  /**
   * Chart values, written as JSON with sorted keys.
   * @default - the chart's defaults
   */
  readonly values?: { [key: string]: any };
  /**
   * Helm release name (at most 53 characters), unique on the cluster.
   * @default - the add-on's id
   */
  readonly releaseName?: string;
  /**
   * Capabilities the chart provides once installed (e.g. `Capability.GATEWAY_API` for a
   * Gateway controller): workloads needing them are satisfied by this chart.
   * @default - none
   */
  readonly provides?: Capability[];
  /**
   * Capabilities the chart needs from the cluster (e.g. `Capability.BLOCK_STORAGE`).
   * @default - none
   */
  readonly requires?: Capability[];
  /**
   * Allow installing into `kube-system` (or another `kube-*` namespace), for node-level
   * system components such as a CNI or a CSI driver.
   * @default false
   */
  readonly allowSystemNamespace?: boolean;
}

/** Add-ons built from parts cdk-fleet supplies. */
export class Addon {
  /**
   * One Helm chart as an add-on, checked here: the id is a DNS-1123 label, the chart a
   * chart name, the version an exact semantic version, the repository `https://` or
   * `oci://`, the namespace a DNS-1123 label other than `default` and `kube-*`.
   * @param id the add-on's name (and release name unless `releaseName` is given)
   */
  public static helmChart(id: string, options: HelmChartOptions): IAddon {
    return new HelmChartAddon(`helmChart '${id}'`, id, options);
  }

  private constructor() {}
}
