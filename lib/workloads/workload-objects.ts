import { calleesOf } from './connections';
import { PodExtras } from './pod-extras';
import { podTemplate } from './pod-template';
import type { Workload } from './workload';
import { ICluster } from '../clusters/cluster';
import { collectorService, telemetryAt } from '../core/telemetry';

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
  const route = w.props.route;
  const autoscaling = w.props.autoscaling;
  const controllerKind = extras.stateVolume ? 'StatefulSet' : 'Deployment';
  const scaled = autoscaling !== undefined || extras.scaledObject !== undefined;
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const metadata = { name, namespace: w.namespace, labels };
  const objects: Array<Record<string, any>> = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata, automountServiceAccountToken: false },
    {
      apiVersion: 'apps/v1',
      kind: controllerKind,
      metadata,
      spec: {
        ...(scaled ? {} : { replicas: w.replicas }),
        selector: { matchLabels: selector },
        ...(extras.stateVolume ? { serviceName: headlessName(name), podManagementPolicy: 'Parallel' } : {}),
        template: podTemplate(w, cluster, labels, fleetLabels, extras, true),
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
    networkPolicy(w, metadata, selector, [
      ...((w.props.allowFrom ?? []).length === 0 ? [] : [{
        from: (w.props.allowFrom ?? []).map(from => ({ podSelector: { matchLabels: { 'app.kubernetes.io/name': from } } })),
        ports: [{ port: w.port, protocol: 'TCP' }],
      }]),
      ...(route ? [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': route.gatewayNamespace ?? 'gateway' } } }],
        ports: [{ port: w.port, protocol: 'TCP' }],
      }] : []),
    ], cluster),
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
export function networkPolicy(w: Workload, metadata: Record<string, any>, selector: Record<string, string>,
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
        ...(w.props.allowTo ?? []).map(rule => ({ to: [{ ipBlock: { cidr: rule.cidr } }], ports: [{ port: rule.port, protocol: rule.protocol ?? 'TCP' }] })),
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
function collectorEgress(w: Workload): Array<Record<string, any>> {
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
