import { IConstruct } from 'constructs';
import { envFromList, envValueFromEntries } from './env-sources';
import { PodExtras } from './pod-extras';
import { probeJson } from './probes';
import type { PodTemplateOptions } from './render-context';
import { podVolumes, volumeMounts } from './volumes';
import type { WorkloadCommonProps } from './workload-base';
import { ICluster } from '../clusters/cluster';
import { compareStrings } from '../core/compare';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { telemetryAt } from '../core/telemetry';

/** What the pod template reads of a workload (a workload construct, or an edge workload's per-variant view). */
export interface PodSubject extends IConstruct {
  readonly workloadName: string;
  readonly namespace: string;
  readonly image: string;
  readonly commonProps: WorkloadCommonProps;
}

/**
 * The hardened pod template every workload gets: Pod Security `restricted`, no
 * service account token, read-only root with `/tmp` on an emptyDir, requests and
 * limits, zone spread, OpenTelemetry environment, the workload's env (values, Secret
 * and ConfigMap references), volumes, command and args, plus the kind's extras. With a
 * `port` the container serves and gets its probes.
 */
export function podTemplate(w: PodSubject, cluster: ICluster, labels: Record<string, string>, fleetLabels: Record<string, string>,
  extras: PodExtras, options: PodTemplateOptions): Record<string, any> {
  const name = w.workloadName;
  const props = w.commonProps;
  const serving = options.port !== undefined;
  checkOptions(w, options);
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const r = props.resources;
  const healthPath = options.healthPath ?? '/healthz';
  const env = { ...telemetryEnv(w, cluster, labels, fleetLabels), ...(props.env ?? {}), ...(extras.env ?? {}) };
  const envEntries: Array<[string, Record<string, any>]> = [
    ...Object.entries(env).map(([k, value]): [string, Record<string, any>] => [k, { name: k, value }]),
    ...envValueFromEntries(props.envValueFrom).filter(([k]) => !Object.prototype.hasOwnProperty.call(env, k)),
  ];
  const envFrom = envFromList(props.envFrom);
  const volumes = [{ name: 'tmp', emptyDir: {} }, ...(extras.volumes ?? []), ...podVolumes(props.volumes)];
  const mounts = [{ name: 'tmp', mountPath: '/tmp' }, ...(extras.volumeMounts ?? []), ...volumeMounts(props.volumes)];
  checkUnique(w, 'volume name', volumes.map(v => v.name));
  checkUnique(w, 'mount path', mounts.map(m => String(m.mountPath).replace(/\/+$/, '')));
  const command = props.command ?? extras.command;
  const args = props.args ?? extras.args;
  const startupProbe = options.startupProbe ? probeJson(options.startupProbe, 'startup', healthPath) : extras.startupProbe;
  const securityContext = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };
  const sidecars = (props.sidecars ?? []).map(s => ({
    name: s.name,
    image: s.image,
    imagePullPolicy: 'IfNotPresent',
    restartPolicy: 'Always',
    ...(s.args ? { args: s.args } : {}),
    env: Object.entries(s.env ?? {}).sort(([a], [b]) => compareStrings(a, b)).map(([k, value]) => ({ name: k, value })),
    resources: {
      requests: { cpu: s.resources.cpu, memory: s.resources.memory },
      limits: { cpu: s.resources.cpuLimit ?? s.resources.cpu, memory: s.resources.memoryLimit ?? s.resources.memory },
    },
    securityContext,
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  }));
  return {
    metadata: {
      labels,
      ...(props.autoInstrument ? { annotations: { [`instrumentation.opentelemetry.io/inject-${props.autoInstrument}`]: 'true' } } : {}),
    },
    spec: {
      serviceAccountName: name,
      automountServiceAccountToken: false,
      ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      ...(sidecars.length > 0 ? { initContainers: sidecars } : {}),
      containers: [{
        name,
        image: w.image,
        imagePullPolicy: 'IfNotPresent',
        ...(command ? { command } : {}),
        ...(args ? { args } : {}),
        ...(serving ? { ports: [{ name: 'http', containerPort: options.port, protocol: 'TCP' }] } : {}),
        env: envEntries.sort(([a], [b]) => compareStrings(a, b)).map(([, entry]) => entry),
        ...(envFrom.length > 0 ? { envFrom } : {}),
        resources: {
          requests: { cpu: r.cpu, memory: r.memory, ...(extras.extendedResources ?? {}) },
          limits: { cpu: r.cpuLimit ?? r.cpu, memory: r.memoryLimit ?? r.memory, ...(extras.extendedResources ?? {}) },
        },
        ...(startupProbe ? { startupProbe } : {}),
        ...(serving ? {
          livenessProbe: probeJson(options.livenessProbe, 'liveness', healthPath),
          readinessProbe: probeJson(options.readinessProbe, 'readiness', healthPath),
        } : {}),
        securityContext,
        volumeMounts: mounts,
      }],
      volumes,
      ...(extras.tolerations ? { tolerations: extras.tolerations } : {}),
      ...(extras.runtimeClassName ? { runtimeClassName: extras.runtimeClassName } : {}),
      ...(extras.nodeSelector ? { nodeSelector: extras.nodeSelector } : {}),
      ...(extras.nodeAffinity ? { affinity: { nodeAffinity: extras.nodeAffinity } } : {}),
      topologySpreadConstraints: [{
        maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector },
      }],
    },
  };
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/** Fails on probes without a port to probe and on a restart policy Kubernetes does not know. */
function checkOptions(w: PodSubject, options: PodTemplateOptions): void {
  const probes = (['livenessProbe', 'readinessProbe', 'startupProbe'] as const).filter(p => options[p] !== undefined);
  if (options.port === undefined && probes.length > 0) {
    throw new FleetValidationError(`workload '${w.node.path}': podTemplate got ${probes.join(', ')} but no port; probes check the container port 'http', so give port too`, w.node.path);
  }
  if (options.restartPolicy !== undefined && !RESTART_POLICIES.includes(options.restartPolicy)) {
    throw new FleetValidationError(`workload '${w.node.path}': podTemplate restartPolicy '${options.restartPolicy}' is not one of ${RESTART_POLICIES.join(', ')}`, w.node.path);
  }
}

/** Fails when the kind's extras and the workload's volumes use one name or mount path twice. */
function checkUnique(w: PodSubject, what: string, values: string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) {
      throw new FleetValidationError(`workload '${w.node.path}': ${what} '${value}' is used twice in the pod (the kind uses it itself); choose another in volumes`, w.node.path, ErrorCode.DUPLICATE);
    }
    seen.add(value);
  }
}

/** OpenTelemetry environment of every container when the fleet names a collector. */
function telemetryEnv(w: PodSubject, cluster: ICluster, labels: Record<string, string>, fleetLabels: Record<string, string>): Record<string, string> {
  const telemetry = telemetryAt(w);
  if (!telemetry) return {};
  const environment = telemetry.environment ?? fleetLabels.environment;
  const attributes = [
    `k8s.cluster.name=${cluster.clusterName}`,
    ...(labels['app.kubernetes.io/version'] ? [`service.version=${labels['app.kubernetes.io/version']}`] : []),
    ...(environment ? [`deployment.environment.name=${environment}`] : []),
  ];
  return {
    OTEL_SERVICE_NAME: w.workloadName,
    OTEL_RESOURCE_ATTRIBUTES: attributes.join(','),
    OTEL_EXPORTER_OTLP_ENDPOINT: telemetry.otlpEndpoint,
  };
}
