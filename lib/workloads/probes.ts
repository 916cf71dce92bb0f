import { IConstruct } from 'constructs';
import { invalid, show } from '../core/errors';

/** Timing of a probe (https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/). */
export interface ProbeOptions {
  /**
   * Seconds after the container starts before the first probe.
   * @default - none (0)
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds a probe may take.
   * @default 2
   */
  readonly timeoutSeconds?: number;
  /**
   * Failed probes in a row before the container is restarted (liveness, startup) or taken out of the Service (readiness).
   * @default - 3 for liveness, 1 for readiness, 30 for startup
   */
  readonly failureThreshold?: number;
}

/** Options of an HTTP probe. */
export interface HttpProbeOptions extends ProbeOptions {
  /**
   * HTTP path, answered with a 2xx or 3xx on the workload's port.
   * @default - the workload's `healthPath` ('/healthz')
   */
  readonly path?: string;
}

/**
 * A liveness, readiness or startup probe of a service's container: an HTTP GET of a path
 * or a TCP connect, on the workload's port (`http`).
 */
export class Probe {
  /** An HTTP GET on the workload's port. */
  public static http(options: HttpProbeOptions = {}): Probe {
    return new Probe('http', options, options.path);
  }

  /** A TCP connect to the workload's port (for servers without an HTTP health endpoint). */
  public static tcp(options: ProbeOptions = {}): Probe {
    return new Probe('tcp', options, undefined);
  }

  /** `http` or `tcp`. */
  public readonly probeType: string;
  /**
   * HTTP path.
   * @default - the workload's `healthPath`
   */
  public readonly path?: string;
  /** Timing. */
  public readonly options: ProbeOptions;

  private constructor(probeType: string, options: ProbeOptions, path: string | undefined) {
    this.probeType = probeType;
    this.options = {
      initialDelaySeconds: options.initialDelaySeconds,
      periodSeconds: options.periodSeconds,
      timeoutSeconds: options.timeoutSeconds,
      failureThreshold: options.failureThreshold,
    };
    this.path = path;
  }
}

/** Checks each probe's type, path and timing. */
export function checkProbes(scope: IConstruct, kind: string, probes: { [prop: string]: Probe | undefined }): void {
  for (const [what, probe] of Object.entries(probes)) {
    if (probe === undefined) continue;
    if (!(probe instanceof Probe)) invalid(kind, scope, `${what} is ${show(probe)}; use Probe.http({ path }) or Probe.tcp()`);
    if (probe.path !== undefined && (typeof probe.path !== 'string' || !probe.path.startsWith('/') || /\s/.test(probe.path))) {
      invalid(kind, scope, `${what} path ${show(probe.path)} must be an absolute HTTP path starting with '/' without spaces (e.g. '/ready')`);
    }
    const o = probe.options;
    for (const [field, value, min] of [['initialDelaySeconds', o.initialDelaySeconds, 0], ['periodSeconds', o.periodSeconds, 1],
      ['timeoutSeconds', o.timeoutSeconds, 1], ['failureThreshold', o.failureThreshold, 1]] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < min || value > 86400)) {
        invalid(kind, scope, `${what}.${field} ${show(value)} must be a whole number from ${min} to 86400`);
      }
    }
  }
}

/** The defaults of each probe when the workload gives none: its health path, every 10 s, 2 s timeout. */
const DEFAULT_FAILURES = { liveness: 3, readiness: 1, startup: 30 };

/**
 * Kubernetes `Probe` JSON for `probe` (or the default HTTP probe on `healthPath`) on the
 * container port named `http`. Field order matches the default probe's.
 */
export function probeJson(probe: Probe | undefined, role: keyof typeof DEFAULT_FAILURES, healthPath: string): Record<string, any> {
  const o = probe?.options ?? {};
  const action = probe?.probeType === 'tcp'
    ? { tcpSocket: { port: 'http' } }
    : { httpGet: { path: probe?.path ?? healthPath, port: 'http' } };
  return {
    ...action,
    ...(o.initialDelaySeconds ? { initialDelaySeconds: o.initialDelaySeconds } : {}),
    periodSeconds: o.periodSeconds ?? 10,
    timeoutSeconds: o.timeoutSeconds ?? 2,
    failureThreshold: o.failureThreshold ?? DEFAULT_FAILURES[role],
  };
}
