/** Where workloads send OpenTelemetry data. */
export interface TelemetryOptions {
  /** OTLP endpoint of the fleet's collector, e.g. `http://otel-collector.observability:4317`. */
  readonly otlpEndpoint: string;
  /**
   * `deployment.environment.name` of every workload.
   * @default - the fleet's `environment` tag, if any
   */
  readonly environment?: string;
}
