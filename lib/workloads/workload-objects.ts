import { calleesOf } from './connections';
import type { PodSubject } from './pod-template';
import type { WorkloadRenderContext } from './render-context';
import type { WorkloadProps } from './workload';
import { ICluster } from '../clusters/cluster';
import { collectorService, telemetryAt } from '../core/telemetry';

/** What the service renderer reads of a service (a `Workload`, or an edge workload's per-variant view). */
export interface ServiceSubject extends PodSubject {
  readonly port: number;
  readonly replicas: number;
  readonly props: WorkloadProps;
}

/** Labels every object of a workload carries. */
export function workloadLabels(w: PodSubject, fleetLabels: Record<string, string>): Record<string, string> {
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
 * The Kubernetes objects of one service on one cluster, as plain JSON: ServiceAccount,
 * Deployment (StatefulSet with state), Service, NetworkPolicy and, as declared, an HPA,
 * KEDA objects, an HTTPRoute and (with 2+ replicas) a PodDisruptionBudget.
 */
export function serviceObjects(w: ServiceSubject, ctx: WorkloadRenderContext): Array<Record<string, any>> {
  const extras = ctx.podExtras;
  const name = w.workloadName;
  const labels = ctx.labels;
  const route = w.props.route;
  const autoscaling = w.props.autoscaling;
  const controllerKind = extras.stateVolume ? 'StatefulSet' : 'Deployment';
  const scaled = autoscaling !== undefined || extras.scaledObject !== undefined;
  const selector = ctx.selectorLabels;
  const metadata = ctx.metadata();
  const objects: Array<Record<string, any>> = [
    ctx.serviceAccount(),
    {
      apiVersion: 'apps/v1',
      kind: controllerKind,
      metadata,
      spec: {
        ...(scaled ? {} : { replicas: w.replicas }),
        selector: { matchLabels: selector },
        ...(extras.stateVolume ? { serviceName: headlessName(name), podManagementPolicy: 'Parallel' } : {}),
        template: ctx.podTemplate({
          port: w.port,
          healthPath: w.props.healthPath,
          livenessProbe: w.props.livenessProbe,
          readinessProbe: w.props.readinessProbe,
          startupProbe: w.props.startupProbe,
        }),
        ...(extras.stateVolume ? {
          volumeClaimTemplates: [{
            metadata: { name: 'state', labels },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: `${extras.stateVolume.sizeGib}Gi` } },
              ...(extras.stateVolume.storageClass ? { storageClassName: extras.stateVolume.storageClass } : {}),
            },
          }],
        } : {}),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    },
    // A StatefulSet's serviceName must be a headless Service: it gives each pod its stable DNS name.
    ...(extras.stateVolume ? [{
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { ...metadata, name: headlessName(name) },
      spec: { clusterIP: 'None', selector, publishNotReadyAddresses: true, ports: [{ name: 'http', port: w.port, targetPort: 'http', protocol: 'TCP' }] },
    }] : []),
    ctx.networkPolicy([
      ...((w.props.allowFrom ?? []).length === 0 ? [] : [{
        from: (w.props.allowFrom ?? []).map(from => ({ podSelector: { matchLabels: { 'app.kubernetes.io/name': from } } })),
        ports: [{ port: w.port, protocol: 'TCP' }],
      }]),
      ...(route ? [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': route.gatewayNamespace ?? 'gateway' } } }],
        ports: [{ port: w.port, protocol: 'TCP' }],
      }] : []),
    ]),
  ];
  if (autoscaling) {
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: controllerKind, name },
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
  if (extras.triggerAuthentication) {
    objects.push({ apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', metadata, spec: extras.triggerAuthentication });
  }
  if (extras.scaledObject) {
    objects.push({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata,
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: controllerKind, name }, ...extras.scaledObject },
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
  if ((autoscaling?.minReplicas ?? extras.scaledObject?.minReplicaCount ?? w.replicas) >= 2) {
    objects.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } });
  }
  return objects;
}

/** A default-deny NetworkPolicy for a workload's pods: the given ingress, DNS and the declared egress. */
export function networkPolicy(w: PodSubject, metadata: Record<string, any>, selector: Record<string, string>,
  ingress: Array<Record<string, any>>, cluster?: ICluster): Record<string, any> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
        },
        ...(w.commonProps.allowTo ?? []).map(rule => ({ to: [{ ipBlock: { cidr: rule.cidr } }], ports: [{ port: rule.port, protocol: rule.protocol ?? 'TCP' }] })),
        // The other side of the callees' allowFrom: without it this pod's default-deny egress blocks the call.
        ...(cluster ? calleesOf(w, cluster) : []).map(callee => ({
          to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': callee.name } } }],
          ports: [{ port: callee.port, protocol: 'TCP' }],
        })),
        ...collectorEgress(w),
      ],
    },
  };
}

/** Egress to the fleet's in-cluster OpenTelemetry collector (OTLP gRPC and HTTP), when telemetry names one. */
function collectorEgress(w: PodSubject): Array<Record<string, any>> {
  const telemetry = telemetryAt(w);
  const collector = telemetry ? collectorService(telemetry.otlpEndpoint) : undefined;
  if (!collector) return [];
  return [{
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': collector.namespace } } }],
    ports: [{ port: 4317, protocol: 'TCP' }, { port: 4318, protocol: 'TCP' }],
  }];
}

/** Name of the headless Service a StatefulSet's pods get their DNS names from (a DNS-1035 label). */
function headlessName(name: string): string {
  return `${name.slice(0, 54)}-headless`;
}
