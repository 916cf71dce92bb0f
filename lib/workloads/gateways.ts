import { Workload } from './workload';
import type { WorkloadBase } from './workload-base';
import { ICluster } from '../clusters/cluster';
import { Capability } from '../core/capability';
import { Cloud } from '../core/cloud';
import { compareStrings } from '../core/compare';
import { PodSecurityLevel } from '../policy/pod-security/levels';
import { namespaceObject, podSecurityVersionOf } from '../teams/namespace-object';

/** The GatewayClass the fleet creates for Envoy Gateway on EKS and AKS (the chart creates none). */
export const ENVOY_GATEWAY_CLASS = 'envoy-gateway';
/** Envoy Gateway's controller name (the chart's default `config.envoyGateway.gateway.controllerName`). */
const ENVOY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';
/** Where Envoy Gateway runs its proxies: the controller's namespace (the default deploy mode). */
const ENVOY_PROXY_NAMESPACE = 'envoy-gateway-system';
/**
 * GKE's managed class for a global external Application Load Balancer
 * (https://cloud.google.com/kubernetes-engine/docs/concepts/gateway-api#gatewayclass).
 */
export const GKE_GATEWAY_CLASS = 'gke-l7-global-external-managed';
/**
 * Where a GKE external Application Load Balancer's proxies and health checks reach pods from
 * (Google Front Ends; https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges).
 */
const GOOGLE_FRONT_END_RANGES = ['130.211.0.0/22', '35.191.0.0/16'];

/**
 * The objects that make the routes of `workloads` on `cluster` served, when the fleet provides
 * the Gateway API there (GKE's controller, or the Envoy Gateway add-on on EKS and AKS; nothing
 * when the team declares `provides: [Capability.GATEWAY_API]`, whose Gateways are its own):
 * - on EKS/AKS the `envoy-gateway` GatewayClass;
 * - each Gateway a route names (name and namespace), an HTTP listener on port 80 that admits
 *   routes from the namespaces of those workloads only, in a namespace labelled for Pod Security
 *   `restricted` like the fleet's others (unless a workload or team namespace already is it);
 * - per routed workload a NetworkPolicy that lets the gateway's proxies in: Envoy's pods of that
 *   Gateway (in `envoy-gateway-system`), or on GKE the Google Front End ranges the load balancer
 *   connects from. The workload's default-deny policy would block them otherwise.
 */
export function gatewayObjects(workloads: WorkloadBase[], cluster: ICluster, fleetLabels: Record<string, string>,
  existingNamespaces: ReadonlySet<string>): Array<Record<string, any>> {
  const routed = workloads.filter((w): w is Workload => w instanceof Workload && w.props.route !== undefined);
  if (routed.length === 0 || cluster.provides.includes(Capability.GATEWAY_API)) return [];
  const gke = cluster.cloud === Cloud.GCP;
  const gateways = new Map<string, { name: string; namespace: string; routeNamespaces: Set<string> }>();
  for (const w of routed) {
    const route = w.props.route!;
    const namespace = route.gatewayNamespace ?? 'gateway';
    const key = `${namespace}/${route.gateway}`;
    const gateway = gateways.get(key) ?? { name: route.gateway, namespace, routeNamespaces: new Set<string>() };
    gateway.routeNamespaces.add(w.namespace);
    gateways.set(key, gateway);
  }
  const sorted = [...gateways.keys()].sort(compareStrings).map(k => gateways.get(k)!);
  const version = podSecurityVersionOf(cluster);
  const namespaces = [...new Set(sorted.map(g => g.namespace))].filter(ns => !existingNamespaces.has(ns)).sort(compareStrings);
  const managed = { 'app.kubernetes.io/managed-by': 'cdk-fleet' };
  return [
    ...(gke ? [] : [{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: ENVOY_GATEWAY_CLASS, labels: managed },
      spec: { controllerName: ENVOY_CONTROLLER },
    }]),
    ...namespaces.map(ns => namespaceObject(ns, fleetLabels, PodSecurityLevel.RESTRICTED, version)),
    ...sorted.map(g => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: g.name, namespace: g.namespace, labels: { ...fleetLabels, ...managed } },
      spec: {
        gatewayClassName: gke ? GKE_GATEWAY_CLASS : ENVOY_GATEWAY_CLASS,
        listeners: [{
          name: 'http',
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...g.routeNamespaces].sort(compareStrings) }] },
            },
          },
        }],
      },
    })),
    ...[...routed].sort((a, b) => compareStrings(`${a.namespace}/${a.workloadName}`, `${b.namespace}/${b.workloadName}`)).map(w => {
      const route = w.props.route!;
      const from = gke
        ? GOOGLE_FRONT_END_RANGES.map(cidr => ({ ipBlock: { cidr } }))
        : [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ENVOY_PROXY_NAMESPACE } },
          podSelector: {
            matchLabels: {
              'app.kubernetes.io/name': 'envoy',
              'gateway.envoyproxy.io/owning-gateway-name': route.gateway,
              'gateway.envoyproxy.io/owning-gateway-namespace': route.gatewayNamespace ?? 'gateway',
            },
          },
        }];
      return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `${w.workloadName}-from-gateway`, namespace: w.namespace, labels: { ...fleetLabels, ...managed } },
        spec: {
          podSelector: { matchLabels: { 'app.kubernetes.io/name': w.workloadName, 'app.kubernetes.io/instance': w.workloadName } },
          policyTypes: ['Ingress'],
          ingress: [{ from, ports: [{ port: w.port, protocol: 'TCP' }] }],
        },
      };
    }),
  ];
}
