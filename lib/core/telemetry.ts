import { IConstruct } from 'constructs';
import { TelemetryOptions } from './telemetry-options';

const TELEMETRY = new WeakMap<IConstruct, TelemetryOptions>();

/** Records the telemetry settings of a scope (the fleet). */
export function setTelemetry(scope: IConstruct, options: TelemetryOptions | undefined): void {
  if (options) TELEMETRY.set(scope, options);
}

/** The telemetry settings in force at `scope`, if any (innermost scope wins). */
export function telemetryAt(scope: IConstruct): TelemetryOptions | undefined {
  let found: TelemetryOptions | undefined;
  for (const s of scope.node.scopes) found = TELEMETRY.get(s) ?? found;
  return found;
}

/** The in-cluster Kubernetes service an OTLP endpoint names. */
export interface CollectorService {
  readonly service: string;
  readonly namespace: string;
}

/** Top-level domains that make a two-label host an external name rather than `<service>.<namespace>`. */
const EXTERNAL_TLDS = ['com', 'net', 'org', 'io', 'dev', 'cloud', 'ai', 'app'];

/**
 * The Kubernetes service an OTLP endpoint names, when it is in-cluster:
 * `<service>.<namespace>`, optionally followed by `.svc` or `.svc.cluster.local`,
 * or a bare `<service>` (namespace `default`). Anything else is an external collector.
 */
export function collectorService(endpoint: string): CollectorService | undefined {
  const host = /^https?:\/\/([^/:?#]+)/.exec(endpoint)?.[1];
  if (!host) return undefined;
  const qualified = /\.svc(\.cluster\.local)?$/.test(host);
  const labels = host.replace(/\.svc(\.cluster\.local)?$/, '').split('.');
  if (labels.some(l => l.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(l))) return undefined;
  if (labels.length === 1) return { service: labels[0], namespace: 'default' };
  if (labels.length !== 2 || (!qualified && EXTERNAL_TLDS.includes(labels[1]))) return undefined;
  return { service: labels[0], namespace: labels[1] };
}
