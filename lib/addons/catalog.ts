/**
 * The Helm charts cdk-fleet installs as cluster add-ons: one pinned version per chart,
 * reviewed together. Bump `ADDON_CATALOG_VERSION` with any change here.
 */
export const ADDON_CATALOG_VERSION = '2026.12.1';

/** Where a chart comes from and where it is installed. */
export interface AddonChart {
  /** Chart name in the repository. */
  readonly chart: string;
  /** Helm repository URL (`https://` index or `oci://` registry). */
  readonly repository: string;
  /** Exact chart version. */
  readonly version: string;
  /** Namespace the release is installed into. */
  readonly namespace: string;
  /** Release name. */
  readonly release: string;
}

/** Every add-on chart, by the add-on switch that controls it (see ClusterAddonOptions). */
export const ADDON_CHARTS = {
  gpuOperator: {
    chart: 'gpu-operator', repository: 'https://helm.ngc.nvidia.com/nvidia', version: 'v25.10.1', namespace: 'gpu-operator', release: 'gpu-operator',
  },
  cilium: {
    chart: 'cilium', repository: 'https://helm.cilium.io', version: '1.18.3', namespace: 'kube-system', release: 'cilium',
  },
  metricsServer: {
    chart: 'metrics-server', repository: 'https://kubernetes-sigs.github.io/metrics-server', version: '3.13.0', namespace: 'kube-system', release: 'metrics-server',
  },
  keda: {
    chart: 'keda', repository: 'https://kedacore.github.io/charts', version: '2.21.1', namespace: 'keda', release: 'keda',
  },
  openTelemetryCollector: {
    chart: 'opentelemetry-collector',
    repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
    version: '0.142.0',
    namespace: 'observability',
    release: 'otel-collector',
  },
  clusterAutoscaler: {
    chart: 'cluster-autoscaler', repository: 'https://kubernetes.github.io/autoscaler', version: '9.53.0', namespace: 'kube-system', release: 'cluster-autoscaler',
  },
  karpenter: {
    chart: 'karpenter', repository: 'oci://public.ecr.aws/karpenter', version: '1.8.1', namespace: 'kube-system', release: 'karpenter',
  },
  // The chart installs the Gateway API (standard channel) and Envoy Gateway CRDs with the controller
  // (https://gateway.envoyproxy.io/docs/install/install-helm/); it creates no GatewayClass.
  envoyGateway: {
    chart: 'gateway-helm', repository: 'oci://docker.io/envoyproxy', version: 'v1.8.2', namespace: 'envoy-gateway-system', release: 'eg',
  },
} satisfies Record<string, AddonChart>;

/** The name of an add-on (a key of ADDON_CHARTS and of ClusterAddonOptions). */
export type AddonName = keyof typeof ADDON_CHARTS;
