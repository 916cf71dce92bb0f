import { PodExtras } from './pod-extras';
import { Workload } from './workload';
import { ICluster } from '../clusters/cluster';
import { telemetryAt } from '../core/telemetry';

/** Labels every object of a workload carries. */
export function workloadLabels(w: Workload, fleetLabels: Record<string, string>): Record<string, string> {
  const tag = w.image.includes('@') ? undefined : w.image.split('/').pop()!.split(':')[1];
  return {
    ...fleetLabels,
    'app.kubernetes.io/name': w.workloadName,
    'app.kubernetes.io/instance': w.workloadName,
    ...(tag ? { 'app.kubernetes.io/version': tag } : {}),
    'app.kubernetes.io/managed-by': 'cdk-fleet',
  };
}

/**
 * The Kubernetes objects of one workload on one cluster, as plain JSON: ServiceAccount,
 * Deployment, Service, NetworkPolicy and (with 2+ replicas) PodDisruptionBudget.
 */
export function workloadObjects(w: Workload, fleetLabels: Record<string, string>, cluster: ICluster): Array<Record<string, any>> {
  const extras: PodExtras = w._podExtras(cluster);
  const name = w.workloadName;
  const labels = workloadLabels(w, fleetLabels);
  const telemetry = telemetryEnv(w, cluster, labels, fleetLabels);
  const route = w.props.route;
  const autoscaling = w.props.autoscaling;
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const metadata = { name, namespace: w.namespace, labels };
  const r = w.props.resources;
  const probe = { httpGet: { path: w.props.healthPath ?? '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2 };
  const objects: Array<Record<string, any>> = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata, automountServiceAccountToken: false },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        ...(autoscaling ? {} : { replicas: w.replicas }),
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels,
            ...(w.props.autoInstrument ? { annotations: { [`instrumentation.opentelemetry.io/inject-${w.props.autoInstrument}`]: 'true' } } : {}),
          },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name,
              image: w.image,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: w.port, protocol: 'TCP' }],
              env: Object.entries({ ...telemetry, ...(w.props.env ?? {}), ...(extras.env ?? {}) })
                .sort(([a], [b]) => a.localeCompare(b)).map(([k, value]) => ({ name: k, value })),
              resources: {
                requests: { cpu: r.cpu, memory: r.memory, ...(extras.extendedResources ?? {}) },
                limits: { cpu: r.cpuLimit ?? r.cpu, memory: r.memoryLimit ?? r.memory, ...(extras.extendedResources ?? {}) },
              },
              ...(extras.startupProbe ? { startupProbe: extras.startupProbe } : {}),
              livenessProbe: { ...probe, failureThreshold: 3 },
              readinessProbe: { ...probe, failureThreshold: 1 },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
              },
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
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata,
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          ...((w.props.allowFrom ?? []).length === 0 ? [] : [{
            from: (w.props.allowFrom ?? []).map(from => ({ podSelector: { matchLabels: { 'app.kubernetes.io/name': from } } })),
            ports: [{ port: w.port, protocol: 'TCP' }],
          }]),
          ...(route ? [{
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': route.gatewayNamespace ?? 'gateway' } } }],
            ports: [{ port: w.port, protocol: 'TCP' }],
          }] : []),
        ],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
          },
          ...(w.props.allowTo ?? []).map(rule => ({ to: [{ ipBlock: { cidr: rule.cidr } }], ports: [{ port: rule.port, protocol: rule.protocol ?? 'TCP' }] })),
        ],
      },
    },
  ];
  if (autoscaling) {
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.cpuUtilization ?? 70 } } },
          ...(autoscaling.memoryUtilization ? [{
            type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: autoscaling.memoryUtilization } },
          }] : []),
        ],
      },
    });
  }
  if (route) {
    objects.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata,
      spec: {
        parentRefs: [{ name: route.gateway, namespace: route.gatewayNamespace ?? 'gateway' }],
        ...(route.hostnames ? { hostnames: route.hostnames } : {}),
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: route.pathPrefix ?? '/' } }], backendRefs: [{ name, port: 80 }] }],
      },
    });
  }
  if ((autoscaling?.minReplicas ?? w.replicas) >= 2) {
    objects.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } });
  }
  return objects;
}

/** OpenTelemetry environment of every container when the fleet names a collector. */
function telemetryEnv(w: Workload, cluster: ICluster, labels: Record<string, string>, fleetLabels: Record<string, string>): Record<string, string> {
  const telemetry = telemetryAt(w);
  if (!telemetry) return {};
  const attributes = [
    `k8s.cluster.name=${cluster.clusterName}`,
    ...(labels['app.kubernetes.io/version'] ? [`service.version=${labels['app.kubernetes.io/version']}`] : []),
    ...(telemetry.environment ?? fleetLabels.environment ? [`deployment.environment.name=${telemetry.environment ?? fleetLabels.environment}`] : []),
  ];
  return {
    OTEL_SERVICE_NAME: w.workloadName,
    OTEL_RESOURCE_ATTRIBUTES: attributes.join(','),
    OTEL_EXPORTER_OTLP_ENDPOINT: telemetry.otlpEndpoint,
  };
}
