/** Where workloads send OpenTelemetry data. */
export interface TelemetryOptions {
  /** OTLP endpoint of the fleet's collector, e.g. `http://otel-collector.observability:4317`. */
  readonly otlpEndpoint: string;
  /**
   * OTLP/gRPC endpoint (an http(s) URL) the in-cluster collectors export to: a tracing
   * and metrics backend or a central gateway. Required when `otlpEndpoint` names an
   * in-cluster collector the fleet installs, since a collector without an exporter drops
   * everything it receives.
   * @default - none (only valid when `otlpEndpoint` is outside the clusters)
   */
  readonly exportEndpoint?: string;
  /**
   * `deployment.environment.name` of every workload.
   * @default - the fleet's `environment` tag, if any
   */
  readonly environment?: string;
}
