import { PodSecurityLevel, PodSecurityVersion } from './levels';

/** A violation as a check reports it, before the check id and level are attached. */
export interface CheckViolation {
  readonly jsonPath: string;
  readonly message: string;
}

/** A plain JSON object (parsed YAML/JSON). */
export interface JsonObject {
  readonly [key: string]: unknown;
}

/** A container, init container or ephemeral container, with where it sits. */
export interface ContainerRef {
  /** The container object. */
  readonly container: JsonObject;
  /** Its name (or `#<index>` when unnamed), for messages. */
  readonly name: string;
  /** Its path, e.g. `spec.initContainers[1]`. */
  readonly path: string;
}

/** Everything a check may look at for one pod (template). */
export interface PodContext {
  /** The pod spec. */
  readonly spec: JsonObject;
  /** The pod (template) metadata. */
  readonly metadata: JsonObject;
  /** The policy version being evaluated. */
  readonly version: PodSecurityVersion;
  /** Path of the spec, e.g. `spec` or `spec.template.spec`. */
  readonly specPath: string;
  /** Path of the metadata, e.g. `metadata` or `spec.template.metadata`. */
  readonly metadataPath: string;
  /** Init containers, containers and ephemeral containers, in that order. */
  readonly containers: readonly ContainerRef[];
  /** `spec.securityContext`, when it is an object. */
  readonly podSecurityContext?: JsonObject;
}

/** One check of the standards: upstream id, level, first policy version and rule. */
export interface PodSecurityCheck {
  /** Stable upstream id, e.g. `hostNamespaces`. */
  readonly id: string;
  /** Level the check belongs to; restricted also runs every baseline check. */
  readonly level: PodSecurityLevel;
  /** Oldest policy version the check applies to. */
  readonly minVersion: PodSecurityVersion;
  /** What the check enforces, in one sentence. */
  readonly description: string;
  /** Returns the violations of the pod; version-dependent rules read `ctx.version`. */
  readonly evaluate: (ctx: PodContext) => CheckViolation[];
}

/** The value when it is a plain object, otherwise undefined. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as JsonObject : undefined;
}

/** The value when it is an array, otherwise an empty array. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value when it is a string, otherwise undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A value rendered for a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** `securityContext` of a container, when it is an object. */
export function containerSecurityContext(ref: ContainerRef): JsonObject | undefined {
  return asObject(ref.container.securityContext);
}

/** True when `spec.os.name` is `windows`; some restricted checks exempt such pods from v1.25. */
export function isWindowsPod(spec: JsonObject): boolean {
  return asObject(spec.os)?.name === 'windows';
}

/** True when the pod runs in its own user namespace (`spec.hostUsers: false`). */
export function usesUserNamespace(spec: JsonObject): boolean {
  return spec.hostUsers === false;
}

/** Path of an annotation under the metadata, e.g. `metadata.annotations['a/b']`. */
export function annotationPath(ctx: PodContext, key: string): string {
  return `${ctx.metadataPath}.annotations['${key}']`;
}

/** Collects init containers, containers and ephemeral containers with their paths. */
export function collectContainers(spec: JsonObject, specPath: string): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    asArray(spec[field]).forEach((value, index) => {
      const container = asObject(value);
      if (!container) return;
      refs.push({ container, name: asString(container.name) ?? `#${index}`, path: `${specPath}.${field}[${index}]` });
    });
  }
  return refs;
}
