import { ClusterStack } from '../clusters/cluster-stack';
import { CollectorService } from '../core/telemetry';

/**
 * Cilium chained to the Amazon VPC CNI (`cni.chainingMode: aws-cni`): pods keep their
 * VPC addresses and the VPC CNI keeps IP management, Cilium adds eBPF network policy,
 * load balancing and Hubble. Needs no extra IAM and leaves `aws-node` in place.
 */
export function ciliumValues(cluster: ClusterStack): Record<string, any> {
  return {
    cluster: { name: cluster.clusterName },
    cni: { chainingMode: 'aws-cni', exclusive: false },
    enableIPv4Masquerade: false,
    routingMode: 'native',
    endpointRoutes: { enabled: true },
    hubble: { enabled: true, relay: { enabled: true } },
    operator: { replicas: 2 },
  };
}

/** metrics-server with two replicas and a disruption budget (HPAs stop when it is down). */
export function metricsServerValues(): Record<string, any> {
  return { replicas: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } };
}

/**
 * KEDA with its defaults (operator, metrics API server, admission webhooks), plus the values
 * that bind its operator's service account to a cloud identity (`podIdentity.gcp`,
 * `podIdentity.azureWorkload`; see keda-identity.ts), when the cluster's triggers need one.
 */
export function kedaValues(identity: Record<string, any> = {}): Record<string, any> {
  return { podDisruptionBudget: { operator: { minAvailable: 1 } }, ...identity };
}

/**
 * An OpenTelemetry collector Deployment whose Service is the one the fleet's
 * `otlpEndpoint` names, receiving OTLP on 4317 (gRPC) and 4318 (HTTP), adding
 * Kubernetes attributes, and exporting traces, metrics and logs over OTLP/gRPC to
 * `exportEndpoint` (the chart's default pipelines export only to `debug`).
 */
export function openTelemetryCollectorValues(collector: CollectorService, exportEndpoint: string): Record<string, any> {
  const pipeline = { exporters: ['otlp'] };
  return {
    config: {
      exporters: { otlp: { endpoint: exportEndpoint, ...(exportEndpoint.startsWith('http://') ? { tls: { insecure: true } } : {}) } },
      service: { pipelines: { traces: pipeline, metrics: pipeline, logs: pipeline } },
    },
    mode: 'deployment',
    fullnameOverride: collector.service,
    replicaCount: 2,
    image: { repository: 'otel/opentelemetry-collector-k8s' },
    presets: { kubernetesAttributes: { enabled: true } },
    ports: {
      'otlp': { enabled: true, containerPort: 4317, servicePort: 4317, protocol: 'TCP' },
      'otlp-http': { enabled: true, containerPort: 4318, servicePort: 4318, protocol: 'TCP' },
      'jaeger-compact': { enabled: false },
      'jaeger-thrift': { enabled: false },
      'jaeger-grpc': { enabled: false },
      'zipkin': { enabled: false },
    },
  };
}

/**
 * The cluster-autoscaler for EKS managed node groups, found by the tags EKS puts on
 * their Auto Scaling groups; the image matches the control plane's minor version.
 */
export function clusterAutoscalerValues(cluster: ClusterStack, region: string, serviceAccount: string): Record<string, any> {
  return {
    cloudProvider: 'aws',
    awsRegion: region,
    autoDiscovery: { clusterName: cluster.clusterName },
    fullnameOverride: 'cluster-autoscaler',
    image: { tag: `v${cluster.kubernetesVersion.version}.0` },
    rbac: { serviceAccount: { create: true, name: serviceAccount } },
    extraArgs: { 'balance-similar-node-groups': true, 'expander': 'least-waste', 'skip-nodes-with-local-storage': false },
  };
}

/** Karpenter's controller for the cluster (NodePools and EC2NodeClasses are added by the user). */
export function karpenterValues(cluster: ClusterStack, serviceAccount: string): Record<string, any> {
  return {
    settings: { clusterName: cluster.clusterName },
    serviceAccount: { create: true, name: serviceAccount },
    replicas: 2,
  };
}
