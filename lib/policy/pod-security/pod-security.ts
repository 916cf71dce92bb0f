/**
 * Pod Security Standards checker: evaluates a pod spec, or the pod template of
 * a workload, against the `baseline` or `restricted` level at a pinned policy
 * version, the way Kubernetes Pod Security Admission does.
 *
 * Pure and linear in the size of the object: it reads plain JS objects (parsed
 * YAML or JSON) and never mutates them.
 */
import { checksFor } from './checks';
import { asObject, collectContainers, JsonObject, PodContext } from './context';
import { parsePodSecurityVersion, PodSecurityLevel } from './levels';

/** One Pod Security Standards violation. */
export interface PodSecurityFinding {
  /** Upstream check id, e.g. `privileged` or `seccompProfile_restricted`. */
  readonly check: string;
  /** Level of the check that was violated. */
  readonly level: PodSecurityLevel;
  /** The offending value and what is allowed instead. */
  readonly message: string;
  /** Path of the offending field, e.g. `spec.containers[0].securityContext.privileged`. */
  readonly jsonPath: string;
}

/** Where the pod template sits inside an object. */
export interface PodTemplateLocation {
  /** The pod spec. */
  readonly spec: { [key: string]: any };
  /** The pod (template) metadata; empty when the object has none. */
  readonly metadata: { [key: string]: any };
  /** Path of the spec, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** Path of the metadata, e.g. `spec.template.metadata`. */
  readonly metadataPath: string;
}

/** Kinds whose pod template is at `spec.template`. */
const TEMPLATE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

/**
 * Evaluates one pod spec and its metadata (annotations matter for the
 * seccomp and AppArmor annotations) at `level` and policy `version`
 * (`v1.30`, `1.33`, `latest`, ...). Returns no findings when the pod conforms.
 */
export function evaluatePodSpec(
  spec: { [key: string]: any },
  metadata: { [key: string]: any } | undefined,
  level: PodSecurityLevel,
  version: string,
): PodSecurityFinding[] {
  return evaluateAt(asObject(spec) ?? {}, asObject(metadata) ?? {}, level, version, 'spec', 'metadata');
}

/**
 * Finds the pod template of a Pod, Deployment, ReplicaSet, StatefulSet,
 * DaemonSet, Job, CronJob, ReplicationController or PodTemplate; undefined for
 * other kinds or when the object has no pod spec.
 */
export function findPodTemplate(obj: { [key: string]: any }): PodTemplateLocation | undefined {
  const object = asObject(obj);
  const kind = object?.kind;
  const spec = asObject(object?.spec);
  if (kind === 'Pod') return located(spec, asObject(object?.metadata), '');
  if (kind === 'PodTemplate') return fromTemplate(asObject(object?.template), 'template');
  if (typeof kind === 'string' && TEMPLATE_KINDS.has(kind)) return fromTemplate(asObject(spec?.template), 'spec.template');
  if (kind === 'CronJob') {
    const jobSpec = asObject(asObject(spec?.jobTemplate)?.spec);
    return fromTemplate(asObject(jobSpec?.template), 'spec.jobTemplate.spec.template');
  }
  return undefined;
}

/**
 * Evaluates the pod template of a workload object (see {@link findPodTemplate});
 * finding paths are relative to the object, e.g. `spec.template.spec.containers[0]...`.
 * Returns no findings for kinds without a pod template.
 */
export function evaluateObject(obj: { [key: string]: any }, level: PodSecurityLevel, version: string): PodSecurityFinding[] {
  const template = findPodTemplate(obj);
  if (!template) {
    parsePodSecurityVersion(version); // still reject a malformed version
    return [];
  }
  return evaluateAt(template.spec, template.metadata, level, version, template.specPath, template.metadataPath);
}

function fromTemplate(template: JsonObject | undefined, path: string): PodTemplateLocation | undefined {
  return located(asObject(template?.spec), asObject(template?.metadata), `${path}.`);
}

function located(spec: JsonObject | undefined, metadata: JsonObject | undefined, prefix: string): PodTemplateLocation | undefined {
  if (!spec) return undefined;
  return { spec, metadata: metadata ?? {}, specPath: `${prefix}spec`, metadataPath: `${prefix}metadata` };
}

function evaluateAt(
  spec: JsonObject,
  metadata: JsonObject,
  level: PodSecurityLevel,
  version: string,
  specPath: string,
  metadataPath: string,
): PodSecurityFinding[] {
  if (level !== PodSecurityLevel.BASELINE && level !== PodSecurityLevel.RESTRICTED) {
    throw new Error(`'${level}' is not a Pod Security level: expected 'baseline' or 'restricted'`);
  }
  const ctx: PodContext = {
    spec,
    metadata,
    version: parsePodSecurityVersion(version),
    specPath,
    metadataPath,
    containers: collectContainers(spec, specPath),
    podSecurityContext: asObject(spec.securityContext),
  };
  return checksFor(level, ctx.version).flatMap(check =>
    check.evaluate(ctx).map(v => ({ check: check.id, level: check.level, message: `${check.id}: ${v.message}`, jsonPath: v.jsonPath })));
}
