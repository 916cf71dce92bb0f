import { Capability } from '../../core/capability';

/** Whether objects of a kind live in a namespace. */
export type KindScope = 'Namespaced' | 'Cluster';

/** What serves a kind on a cluster. */
export interface KindInfo {
  readonly scope: KindScope;
  /** The capability (CRDs and controller) the kind needs; undefined for built-in kinds. */
  readonly capability?: Capability;
}

const N: KindScope = 'Namespaced';
const C: KindScope = 'Cluster';

/**
 * The GA API versions every cluster cdk-fleet builds serves (Kubernetes 1.30 and later), per
 * `<group>/<version>` (`v1` for the core group), with each kind's scope. From the Kubernetes API
 * reference (https://kubernetes.io/docs/reference/kubernetes-api/) and the deprecation guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/): beta versions removed
 * by 1.30 are left out, so `apps/v1beta2` or `policy/v1beta1` are reported with the version to use.
 */
const BUILT_IN: Record<string, Record<string, KindScope>> = {
  'v1': {
    ConfigMap: N,
    Endpoints: N,
    Event: N,
    LimitRange: N,
    PersistentVolumeClaim: N,
    Pod: N,
    PodTemplate: N,
    ReplicationController: N,
    ResourceQuota: N,
    Secret: N,
    Service: N,
    ServiceAccount: N,
    Namespace: C,
    Node: C,
    PersistentVolume: C,
  },
  'apps/v1': { ControllerRevision: N, DaemonSet: N, Deployment: N, ReplicaSet: N, StatefulSet: N },
  'batch/v1': { CronJob: N, Job: N },
  'autoscaling/v1': { HorizontalPodAutoscaler: N },
  'autoscaling/v2': { HorizontalPodAutoscaler: N },
  'policy/v1': { PodDisruptionBudget: N },
  'networking.k8s.io/v1': { Ingress: N, NetworkPolicy: N, IngressClass: C },
  'rbac.authorization.k8s.io/v1': { Role: N, RoleBinding: N, ClusterRole: C, ClusterRoleBinding: C },
  'storage.k8s.io/v1': { CSIStorageCapacity: N, CSIDriver: C, CSINode: C, StorageClass: C, VolumeAttachment: C },
  'scheduling.k8s.io/v1': { PriorityClass: C },
  'node.k8s.io/v1': { RuntimeClass: C },
  'discovery.k8s.io/v1': { EndpointSlice: N },
  'coordination.k8s.io/v1': { Lease: N },
  'events.k8s.io/v1': { Event: N },
  'admissionregistration.k8s.io/v1': {
    MutatingWebhookConfiguration: C, ValidatingWebhookConfiguration: C, ValidatingAdmissionPolicy: C, ValidatingAdmissionPolicyBinding: C,
  },
  'apiextensions.k8s.io/v1': { CustomResourceDefinition: C },
  'apiregistration.k8s.io/v1': { APIService: C },
  'certificates.k8s.io/v1': { CertificateSigningRequest: C },
  'flowcontrol.apiserver.k8s.io/v1': { FlowSchema: C, PriorityLevelConfiguration: C },
};

/**
 * Kinds whose CRDs a fleet capability brings (a fleet add-on or the cluster's own
 * setting installs them, see `addons/capabilities.ts`): KEDA
 * (https://keda.sh/docs/latest/reference/scaledobject-spec/) and the Gateway API standard
 * channel (https://gateway-api.sigs.k8s.io/reference/spec/; since v1.2 GRPCRoute is served as v1
 * and ReferenceGrant as v1beta1, their v1alpha2 versions are gone).
 */
const FROM_CAPABILITIES: Record<string, { capability: Capability; kinds: Record<string, KindScope> }> = {
  'keda.sh/v1alpha1': {
    capability: Capability.KEDA,
    kinds: { ScaledObject: N, ScaledJob: N, TriggerAuthentication: N, ClusterTriggerAuthentication: C },
  },
  'gateway.networking.k8s.io/v1': { capability: Capability.GATEWAY_API, kinds: { GatewayClass: C, Gateway: N, HTTPRoute: N, GRPCRoute: N } },
  'gateway.networking.k8s.io/v1beta1': { capability: Capability.GATEWAY_API, kinds: { GatewayClass: C, Gateway: N, HTTPRoute: N, ReferenceGrant: N } },
};

/** What serves `apiVersion` `kind` without anything the content brings: a built-in kind, a capability's CRD, or nothing (undefined). */
export function knownKind(apiVersion: string, kind: string): KindInfo | undefined {
  const builtIn = BUILT_IN[apiVersion]?.[kind];
  if (builtIn) return { scope: builtIn };
  const provided = FROM_CAPABILITIES[apiVersion];
  const scope = provided?.kinds[kind];
  return scope ? { scope, capability: provided.capability } : undefined;
}

/** The API group of an apiVersion (`''` for the core group's `v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The apiVersions a known kind of `group` is served at (to suggest when the given version is not), sorted. */
export function servedVersions(group: string, kind: string): string[] {
  return [...Object.entries(BUILT_IN), ...Object.entries(FROM_CAPABILITIES).map(([v, p]) => [v, p.kinds] as const)]
    .filter(([apiVersion, kinds]) => groupOf(apiVersion) === group && kinds[kind] !== undefined)
    .map(([apiVersion]) => apiVersion)
    .sort();
}
