import { PodExtras } from './pod-extras';
import type { Workload } from './workload';
import { ICluster } from '../clusters/cluster';
import { compareStrings } from '../core/compare';
import { telemetryAt } from '../core/telemetry';

/**
 * The hardened pod template every workload gets: Pod Security `restricted`, no
 * service account token, read-only root with `/tmp` on an emptyDir, requests and
 * limits, zone spread, OpenTelemetry environment, plus the workload's extras. Serving
 * workloads also get their port and probes; batch workloads run to completion.
 */
export function podTemplate(w: Workload, cluster: ICluster, labels: Record<string, string>, fleetLabels: Record<string, string>,
  extras: PodExtras, serving: boolean): Record<string, any> {
  const name = w.workloadName;
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const r = w.props.resources;
  const probe = { httpGet: { path: w.props.healthPath ?? '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2 };
  const env = { ...telemetryEnv(w, cluster, labels, fleetLabels), ...(w.props.env ?? {}), ...(extras.env ?? {}) };
  const securityContext = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };
  const sidecars = (w.props.sidecars ?? []).map(s => ({
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
      ...(w.props.autoInstrument ? { annotations: { [`instrumentation.opentelemetry.io/inject-${w.props.autoInstrument}`]: 'true' } } : {}),
    },
    spec: {
      serviceAccountName: name,
      automountServiceAccountToken: false,
      ...(serving ? {} : { restartPolicy: 'Never' }),
      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      ...(sidecars.length > 0 ? { initContainers: sidecars } : {}),
      containers: [{
        name,
        image: w.image,
        imagePullPolicy: 'IfNotPresent',
        ...(extras.command ? { command: extras.command } : {}),
        ...(extras.args ? { args: extras.args } : {}),
        ...(serving ? { ports: [{ name: 'http', containerPort: w.port, protocol: 'TCP' }] } : {}),
        env: Object.entries(env).sort(([a], [b]) => compareStrings(a, b)).map(([k, value]) => ({ name: k, value })),
        resources: {
          requests: { cpu: r.cpu, memory: r.memory, ...(extras.extendedResources ?? {}) },
          limits: { cpu: r.cpuLimit ?? r.cpu, memory: r.memoryLimit ?? r.memory, ...(extras.extendedResources ?? {}) },
        },
        ...(extras.startupProbe ? { startupProbe: extras.startupProbe } : {}),
        ...(serving ? { livenessProbe: { ...probe, failureThreshold: 3 }, readinessProbe: { ...probe, failureThreshold: 1 } } : {}),
        securityContext,
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...(extras.volumeMounts ?? [])],
      }],
      volumes: [{ name: 'tmp', emptyDir: {} }, ...(extras.volumes ?? [])],
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

/** OpenTelemetry environment of every container when the fleet names a collector. */
function telemetryEnv(w: Workload, cluster: ICluster, labels: Record<string, string>, fleetLabels: Record<string, string>): Record<string, string> {
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
