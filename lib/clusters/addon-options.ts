/**
 * Which in-cluster add-ons the cluster's `<cluster>-addons` stack installs. Each
 * switch left unset is decided from the fleet at synth time (see each default);
 * `true` forces an add-on on, `false` keeps it off.
 */
export interface ClusterAddonOptions {
  /**
   * NVIDIA GPU Operator (device plugin with the pools' sharing, MIG manager, DCGM exporter).
   * @default - on when the cluster has a GPU node pool
   */
  readonly gpuOperator?: boolean;
  /**
   * Cilium chained to the VPC CNI (EKS only; GKE and AKS run Cilium as their own dataplane).
   * @default - on for EKS clusters with `ClusterNetworking.cilium()`
   */
  readonly cilium?: boolean;
  /**
   * metrics-server for HorizontalPodAutoscalers (EKS only; GKE and AKS ship one).
   * @default - on for EKS clusters that run a workload with `autoscaling`
   */
  readonly metricsServer?: boolean;
  /**
   * KEDA for event-driven scaling (ScaledObjects).
   * @default - on when a workload on the cluster scales with KEDA (e.g. an AgentService with `eventScaling`)
   */
  readonly keda?: boolean;
  /**
   * OpenTelemetry collector (deployment, OTLP on 4317/4318) as the service the fleet's
   * `telemetry.otlpEndpoint` names (`http://<service>.<namespace>:4317`).
   * @default - on when the fleet has telemetry with an in-cluster endpoint
   */
  readonly openTelemetryCollector?: boolean;
  /**
   * Kubernetes cluster-autoscaler with its IAM role through EKS Pod Identity (EKS only;
   * GKE and AKS scale node pools themselves).
   * @default - on for EKS clusters, unless `karpenter` is on
   */
  readonly clusterAutoscaler?: boolean;
  /**
   * Karpenter instead of the cluster-autoscaler (EKS only): the controller with its IAM role
   * through EKS Pod Identity; NodePools and EC2NodeClasses are yours to add.
   * @default false
   */
  readonly karpenter?: boolean;
  /**
   * Envoy Gateway (its chart installs the Gateway API CRDs and the controller; the fleet adds
   * the `envoy-gateway` GatewayClass and the Gateways routes attach to). EKS and AKS only: GKE
   * serves routes with its own Gateway controller.
   * @default - on for EKS and AKS clusters that run a workload with a `route`, unless `provides` includes Capability.GATEWAY_API
   */
  readonly envoyGateway?: boolean;
}
