import { groupOf, KindInfo, knownKind, KindScope, servedVersions } from './api-kinds';
import type { ExternalKind } from './kubernetes-manifest';
import { Capability } from '../../core/capability';
import { compareStrings } from '../../core/compare';
import { show } from '../../core/errors';
import { POD_SECURITY_LABEL_PREFIX, podSecurityAdmissionLabels } from '../../policy/pod-security/admission-labels';
import { PodSecurityLevel } from '../../policy/pod-security/levels';

/** `apps/v1 Deployment 'payments/web'` (namespace shown when set). */
export function describeObject(obj: Record<string, any>): string {
  const ns = obj.metadata?.namespace;
  return `${obj.apiVersion} ${obj.kind} '${ns ? `${ns}/` : ''}${obj.metadata?.name}'`;
}

/** The key under which the API server stores an object: group, kind, namespace, name (the version does not count). */
export function objectKey(obj: Record<string, any>): string {
  return `${groupOf(obj.apiVersion)}\u0000${obj.kind}\u0000${obj.metadata?.namespace ?? ''}\u0000${obj.metadata?.name}`;
}

/** Kinds the CustomResourceDefinitions among `objects` define, by `<apiVersion>\u0000<kind>`. */
export function definedKinds(objects: Iterable<Record<string, any>>): Map<string, KindScope> {
  const kinds = new Map<string, KindScope>();
  for (const o of objects) {
    if (o.apiVersion !== 'apiextensions.k8s.io/v1' || o.kind !== 'CustomResourceDefinition') continue;
    const group = o.spec?.group;
    const kind = o.spec?.names?.kind;
    if (typeof group !== 'string' || typeof kind !== 'string') continue;
    const scope: KindScope = o.spec?.scope === 'Cluster' ? 'Cluster' : 'Namespaced';
    for (const v of Array.isArray(o.spec?.versions) ? o.spec.versions : []) {
      if (typeof v?.name === 'string' && v.served !== false) kinds.set(`${group}/${v.name}\u0000${kind}`, scope);
    }
  }
  return kinds;
}

/**
 * What serves the object's kind on the cluster: Kubernetes itself, a fleet capability, a
 * CRD in the content on the cluster, or an external kind; else why nothing does.
 */
export function resolveKind(obj: Record<string, any>, defined: ReadonlyMap<string, KindScope>, external: readonly ExternalKind[]): KindInfo | string {
  const known = knownKind(obj.apiVersion, obj.kind);
  if (known) return known;
  const scope = defined.get(`${obj.apiVersion}\u0000${obj.kind}`);
  if (scope) return { scope };
  const group = groupOf(obj.apiVersion);
  const ext = external.find(k => k.group === group && k.kind === obj.kind);
  if (ext) return { scope: ext.namespaced === false ? 'Cluster' : 'Namespaced' };
  const served = servedVersions(group, obj.kind);
  if (served.length > 0) return `the cluster does not serve ${obj.apiVersion} ${obj.kind}; use apiVersion ${served.map(v => `'${v}'`).join(' or ')}`;
  if (group === '' || !group.includes('.') || group.endsWith('.k8s.io')) {
    return `${obj.apiVersion} ${obj.kind} is not a Kubernetes API kind (check the apiVersion and kind)`;
  }
  return `nothing installs the CRD of ${obj.apiVersion} ${obj.kind} on the cluster (neither Kubernetes nor a fleet add-on serves it); ` +
    `add its CustomResourceDefinition to the content, or, when the platform installs it, list { group: '${group}', kind: '${obj.kind}' } in externalKinds`;
}

/** Capabilities built-in kinds need to work (not merely be accepted): the reason, or undefined. */
export function builtInNeed(obj: Record<string, any>): Capability | undefined {
  if (obj.apiVersion === 'networking.k8s.io/v1' && obj.kind === 'NetworkPolicy') return Capability.NETWORK_POLICY;
  if (obj.kind === 'HorizontalPodAutoscaler' && obj.apiVersion.startsWith('autoscaling/')) {
    const metrics = obj.spec?.metrics;
    // No metrics means the default CPU target; Resource and ContainerResource metrics come from the resource metrics API.
    if (!Array.isArray(metrics) || metrics.some((m: any) => m?.type === 'Resource' || m?.type === 'ContainerResource')) return Capability.METRICS;
  }
  return undefined;
}

/**
 * Adds `labels` to the object's labels and its pod template's; returns the first label the
 * object already sets to another value (the fleet's labels are not overridden), or undefined.
 */
export function addLabels(obj: Record<string, any>, labels: Record<string, string>): string | undefined {
  for (const [where, metadata] of labelTargets(obj)) {
    const own: Record<string, unknown> = metadata.labels ?? {};
    for (const key of Object.keys(labels).sort(compareStrings)) {
      if (own[key] !== undefined && own[key] !== labels[key]) return `${where}labels['${key}'] is ${JSON.stringify(own[key])}, but the fleet sets '${labels[key]}'`;
    }
    metadata.labels = { ...own, ...labels };
  }
  return undefined;
}

/** Built-in kinds whose pod template is `spec.template`. */
const TEMPLATE_OWNERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);

/** The metadata objects that get the fleet's labels, with their paths: the object's and its pod template's (built-in kinds only). */
function labelTargets(obj: Record<string, any>): Array<[string, Record<string, any>]> {
  obj.metadata ??= {};
  const targets: Array<[string, Record<string, any>]> = [['metadata.', obj.metadata]];
  const [path, template] = obj.kind === 'CronJob' ? ['spec.jobTemplate.spec.template', obj.spec?.jobTemplate?.spec?.template]
    : obj.kind === 'PodTemplate' ? ['template', obj.template]
      : TEMPLATE_OWNERS.has(obj.kind) ? ['spec.template', obj.spec?.template] : ['', undefined];
  if (knownKind(obj.apiVersion, obj.kind) && template && typeof template === 'object' && !Array.isArray(template)) {
    template.metadata ??= {};
    targets.push([`${path}.metadata.`, template.metadata]);
  }
  return targets;
}

/**
 * Sets the Pod Security Admission labels of a Namespace the content creates to enforce,
 * warn and audit `restricted` at `version`; returns the label it already set otherwise, or undefined.
 */
export function addPodSecurityLabels(ns: Record<string, any>, version: string): string | undefined {
  const wanted = podSecurityAdmissionLabels(PodSecurityLevel.RESTRICTED, version);
  const own: Record<string, unknown> = ns.metadata.labels ?? {};
  for (const key of Object.keys(own).sort(compareStrings)) {
    if (key.startsWith(POD_SECURITY_LABEL_PREFIX) && own[key] !== wanted[key]) {
      return `labels['${key}'] is ${JSON.stringify(own[key])}; the fleet sets the Pod Security labels of every namespace it writes ` +
        `(restricted, pinned to ${version}), so remove the pod-security.kubernetes.io labels`;
    }
  }
  ns.metadata.labels = { ...own, ...wanted };
  return undefined;
}

/** Why `obj` cannot be a Kubernetes object of the output, or undefined. */
export function objectProblem(obj: unknown): string | undefined {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return `${show(obj)} is not a Kubernetes object (a JSON object with apiVersion, kind and metadata.name)`;
  const o = obj as Record<string, any>;
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return `has no apiVersion (e.g. 'apps/v1'): ${show(o)}`;
  if (typeof o.kind !== 'string' || o.kind === '') return `has no kind (e.g. 'Deployment'): ${show(o)}`;
  if (typeof o.metadata?.name !== 'string' || o.metadata.name === '') {
    return `${o.apiVersion} ${o.kind} has no metadata.name (generateName is not supported: kustomize and re-applies need a fixed name)`;
  }
  return undefined;
}
