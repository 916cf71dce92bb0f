import type { ServiceContainerProps, WorkloadResources } from '../workloads/workload';

/** CPU architecture of an edge site's nodes (the `kubernetes.io/arch` node label). */
export enum CpuArch {
  /** x86-64. */
  AMD64 = 'amd64',
  /** 64-bit ARM. */
  ARM64 = 'arm64',
}

/** How reliably a site reaches the delivery engine and registries. */
export enum SiteConnectivity {
  /** Always connected: Kubernetes' default eviction timings. */
  ALWAYS = 'always',
  /**
   * Often offline: pods tolerate unreachable/not-ready nodes for a day instead of five
   * minutes, so a site that loses its uplink keeps serving.
   */
  INTERMITTENT = 'intermittent',
}

/** A small GPU at an edge site. */
export interface EdgeSiteGpu {
  /**
   * GPUs per GPU node.
   * @default 1
   */
  readonly count?: number;
  /**
   * Model, for humans and node labels (e.g. `nvidia-t4`, `nvidia-jetson-orin`).
   * @default 'nvidia'
   */
  readonly model?: string;
}

/** One edge site: a small k3s cluster. */
export interface EdgeSiteProps {
  /** Site name (DNS-1123 label): the bundle directory `edge/<name>/`. */
  readonly name: string;
  /**
   * Labels that select the site for workloads, overrides and rollout waves
   * (e.g. `{ region: 'eu-west', format: 'hypermarket' }`). Also set on its nodes.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * CPU architecture of the nodes.
   * @default CpuArch.AMD64
   */
  readonly arch?: CpuArch;
  /**
   * Number of nodes (servers plus agents).
   * @default 1
   */
  readonly nodes?: number;
  /**
   * Number of k3s servers (1, or an odd number ≥ 3 for embedded etcd); the rest are agents.
   * @default 1
   */
  readonly servers?: number;
  /**
   * GPU on the site's nodes.
   * @default - no GPU
   */
  readonly gpu?: EdgeSiteGpu;
  /**
   * Connectivity of the site.
   * @default SiteConnectivity.ALWAYS
   */
  readonly connectivity?: SiteConnectivity;
  /**
   * Registry mirror the site pulls every image through (`host[:port]`), written to
   * `k3s/registries.yaml` with a rewrite per upstream registry (air-gapped sites).
   * @default - images are pulled from their registries
   */
  readonly registryMirror?: string;
  /**
   * k3s release channel (`stable`, `latest` or a minor such as `v1.33`).
   * @default - the edge fleet's channel
   */
  readonly k3sChannel?: string;
}

/** k3s settings shared by the sites of an edge fleet. */
export interface K3sOptions {
  /**
   * Release channel (`stable`, `latest` or a minor such as `v1.33`).
   * @default 'stable'
   */
  readonly channel?: string;
  /**
   * Pod CIDR.
   * @default '10.42.0.0/16'
   */
  readonly clusterCidr?: string;
  /**
   * Service CIDR.
   * @default '10.43.0.0/16'
   */
  readonly serviceCidr?: string;
  /**
   * Packaged components to disable.
   * @default ['traefik', 'servicelb']
   */
  readonly disable?: string[];
  /**
   * Where the join token lives on each node (the bundle references it, never contains it).
   * @default '/etc/rancher/k3s/cluster-token'
   */
  readonly tokenFile?: string;
  /**
   * Turn on k3s' embedded registry mirror (Spegel), so nodes share pulled images.
   * @default false
   */
  readonly embeddedRegistry?: boolean;
}

/** A workload that runs on edge sites, hardened like cluster workloads. */
export interface EdgeWorkloadProps extends ServiceContainerProps {
  /**
   * Sites to run on, by label.
   * @default - every site of the edge fleet
   */
  readonly siteSelector?: { [key: string]: string };
  /**
   * Architectures the image is built for; a site of another architecture is an error.
   * @default [CpuArch.AMD64, CpuArch.ARM64]
   */
  readonly platforms?: CpuArch[];
  /**
   * GPUs each replica needs (`nvidia.com/gpu`); every selected site must have a GPU.
   * @default - none
   */
  readonly gpus?: number;
  /**
   * Replicas per site.
   * @default 1
   */
  readonly replicas?: number;
}

/** Per-site values for the sites whose labels match, resolved at synth (later overrides win). */
export interface EdgeOverrideProps {
  /** Labels a site must all have for the override to apply. */
  readonly siteSelector: { [key: string]: string };
  /**
   * Only this workload (by id).
   * @default - every workload on the matching sites
   */
  readonly workload?: string;
  /**
   * Replicas per site.
   * @default - unchanged
   */
  readonly replicas?: number;
  /**
   * Registry host the images are pulled from instead (`registry.eu.acme.example`);
   * the repository path and tag stay.
   * @default - unchanged
   */
  readonly imageRegistry?: string;
  /**
   * Requests and limits.
   * @default - unchanged
   */
  readonly resources?: WorkloadResources;
  /**
   * Feature flags, set on the containers as `FEATURE_<NAME>` environment variables.
   * @default - none
   */
  readonly featureFlags?: { [name: string]: string };
}

/** A Helm chart installed on sites by k3s' own Helm controller (`HelmChart`, helm.cattle.io/v1). */
export interface EdgeChartProps {
  /** Chart name in the repository. */
  readonly chart: string;
  /** Chart repository URL. */
  readonly repo: string;
  /** Chart version (pinned). */
  readonly version: string;
  /**
   * Namespace the chart installs into.
   * @default 'kube-system'
   */
  readonly targetNamespace?: string;
  /**
   * Chart values.
   * @default - the chart's defaults
   */
  readonly values?: { [key: string]: any };
  /**
   * Images the chart runs, added to the sites' `images.txt` for pre-pulling.
   * @default - none
   */
  readonly images?: string[];
  /**
   * Sites to install on, by label.
   * @default - every site
   */
  readonly siteSelector?: { [key: string]: string };
}

/** Rollout waves: a canary group first, then growing percentages of the other sites. */
export interface RolloutOptions {
  /**
   * Labels of the canary sites (wave `canary`).
   * @default - no canary wave
   */
  readonly canarySelector?: { [key: string]: string };
  /**
   * Cumulative percentages of the remaining sites per wave, ending at 100.
   * @default [1, 10, 100]
   */
  readonly percentages?: number[];
}
