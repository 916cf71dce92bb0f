/**
 * The building blocks of a policy pack, public so that a platform team's own packs
 * use exactly what the bundled packs use: Terraform resources by type, Kubernetes
 * objects by kind, the pod template of any workload kind, field lookup by path,
 * label selectors.
 */
import { PolicyInput, PolicyKubernetesObject } from './input';
import { selects } from './packs/label-selector';
import { findPodTemplate } from './pod-security/pod-security';
import { FleetValidationError, show } from '../core/errors';

/** One resource of a rendered Terraform stack, with where it sits. */
export interface PolicyTerraformResource {
  /** Resource type, e.g. `aws_eks_cluster`. */
  readonly type: string;
  /** Resource name in the stack. */
  readonly name: string;
  /** The resource body as written (rules must not mutate it). */
  readonly body: { [key: string]: any };
  /** Stack file, e.g. `terraform/prod-us/main.tf.json`. */
  readonly file: string;
  /** Construct path from the resource's `"//"` metadata (the stack name when absent). */
  readonly constructPath: string;
  /** JSON path of the resource in the file, e.g. `resource.aws_eks_cluster.cluster`. */
  readonly path: string;
}

/** A value looked up by path, and the JSON path it was read from. */
export interface PolicyField {
  /**
   * The value.
   * @default - undefined when nothing is at the path
   */
  readonly value?: any;
  /** Full JSON path of the field, e.g. `resource.aws_eks_cluster.c.vpc_config[0].endpoint_public_access`. */
  readonly path: string;
  /** Whether the path exists (false when any step is missing). */
  readonly found: boolean;
}

/** The pod template of a Kubernetes object (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, ...). */
export interface PolicyPodTemplate {
  /** The object that holds the template, with its file and construct path. */
  readonly owner: PolicyKubernetesObject;
  /** The owner's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The pod spec. */
  readonly spec: { [key: string]: any };
  /** The pod (template) metadata; empty when the object has none. */
  readonly metadata: { [key: string]: any };
  /** Path of the spec in the object, e.g. `spec.template.spec` (`spec.jobTemplate.spec.template.spec` for a CronJob). */
  readonly specPath: string;
  /** Path of the metadata in the object, e.g. `spec.template.metadata`. */
  readonly metadataPath: string;
}

/** A resource with the index of its stack, so queries over several types keep stack order. */
interface Indexed {
  readonly stack: number;
  readonly ref: PolicyTerraformResource;
}

const QUERIES = new WeakMap<PolicyInput, PolicyQuery>();

/**
 * Indexed views over a policy input, built once per input and shared by every pack
 * (`PolicyQuery.of(input)` returns the same query for the same input): each lookup is
 * linear in what it returns, not in the whole output.
 *
 * ```ts
 * public evaluate(input: PolicyInput): PolicyFinding[] {
 *   const q = PolicyQuery.of(input);
 *   return q.terraformResources('aws_eks_cluster')
 *     .filter(r => PolicyQuery.field(r, 'vpc_config.endpoint_public_access').value !== false)
 *     .map(r => ({ ruleId: 'ACME-001', message: 'public endpoint', constructPath: r.constructPath, file: r.file,
 *       jsonPath: PolicyQuery.field(r, 'vpc_config.endpoint_public_access').path }));
 * }
 * ```
 */
export class PolicyQuery {
  /** The query over `input` (one per input object; packs share it). */
  public static of(input: PolicyInput): PolicyQuery {
    let query = QUERIES.get(input);
    if (!query) QUERIES.set(input, query = new PolicyQuery(input));
    return query;
  }

  /**
   * A field of a Terraform resource, by a dotted path relative to its body
   * (`vpc_config.endpoint_public_access`). A nested block written as a list (`[{...}]`)
   * is entered at its first element, and the returned path says so
   * (`resource.aws_eks_cluster.c.vpc_config[0].endpoint_public_access`).
   */
  public static field(resource: PolicyTerraformResource, path: string): PolicyField {
    return walk(resource.body, resource.path, parsePath(path), true);
  }

  /**
   * A value inside any object by path: keys separated by `.`, list indexes as `[0]`,
   * keys containing dots quoted as `["cdk-fleet.io/team"]`. For example
   * `spec.template.spec.containers[0].image` or `metadata.labels["app.kubernetes.io/name"]`.
   * The path is exact: a list is never entered without an index.
   */
  public static lookup(object: any, path: string): PolicyField {
    return walk(object, '', parsePath(path), false);
  }

  /**
   * The pod template of one Kubernetes object: Pod, PodTemplate, Deployment, ReplicaSet,
   * StatefulSet, DaemonSet, Job, CronJob or ReplicationController.
   * @returns undefined for other kinds, or when the object has no pod spec
   */
  public static podTemplateOf(owner: PolicyKubernetesObject): PolicyPodTemplate | undefined {
    const found = findPodTemplate(owner.object);
    if (!found) return undefined;
    return { owner, kind: owner.object.kind, spec: found.spec, metadata: found.metadata, specPath: found.specPath, metadataPath: found.metadataPath };
  }

  /**
   * Whether a Kubernetes label selector (`matchLabels` and `matchExpressions` with `In`,
   * `NotIn`, `Exists`, `DoesNotExist`) selects an object with `labels`. An empty
   * selector selects everything; a missing one (or an unknown operator) selects nothing.
   */
  public static selectorMatches(selector: any, labels: { [key: string]: string }): boolean {
    return selects(selector, labels ?? {});
  }

  /** Whether the value is an unresolved Terraform expression (`${...}`), which rules cannot judge. */
  public static isTerraformExpression(value: any): boolean {
    return typeof value === 'string' && value.includes('${');
  }

  /** Whether a CIDR block means "the whole internet" (`0.0.0.0/0` or `::/0`). */
  public static isOpenCidr(cidr: any): boolean {
    return cidr === '0.0.0.0/0' || cidr === '::/0';
  }

  /** The input this query reads. */
  public readonly input: PolicyInput;
  private byType?: Map<string, Indexed[]>;
  private byKind?: Map<string, PolicyKubernetesObject[]>;
  private templates?: PolicyPodTemplate[];

  private constructor(input: PolicyInput) {
    if (input === null || typeof input !== 'object' || !Array.isArray(input.terraform) || !Array.isArray(input.kubernetes)) {
      throw new FleetValidationError(`PolicyQuery.of: ${show(input)} is not a PolicyInput (an object with 'terraform' and 'kubernetes' lists)`);
    }
    this.input = input;
  }

  /**
   * Resources of the given types over every stack, in stack order, then in the order the
   * types are given, then in resource order. With no types, every resource.
   */
  public terraformResources(...types: string[]): PolicyTerraformResource[] {
    const index = this.byType ??= indexResources(this.input);
    const wanted = types.length > 0 ? types : [...index.keys()];
    if (wanted.length === 1) return (index.get(wanted[0]) ?? []).map(i => i.ref);
    const hits = wanted.flatMap(type => index.get(type) ?? []);
    return hits.sort((a, b) => a.stack - b.stack).map(i => i.ref); // stable: type order, then resource order
  }

  /** Kubernetes objects of the given kinds (e.g. `Deployment`, `NetworkPolicy`), in output order. With no kinds, every object. */
  public kubernetesObjects(...kinds: string[]): PolicyKubernetesObject[] {
    if (kinds.length === 0) return [...this.input.kubernetes];
    const index = this.byKind ??= indexObjects(this.input.kubernetes);
    if (kinds.length === 1) return [...(index.get(kinds[0]) ?? [])];
    const wanted = new Set(kinds);
    return this.input.kubernetes.filter(o => wanted.has(o.object?.kind));
  }

  /** The pod template of every object that has one (see `podTemplateOf`), in output order. */
  public podTemplates(): PolicyPodTemplate[] {
    this.templates ??= this.input.kubernetes.flatMap(o => PolicyQuery.podTemplateOf(o) ?? []);
    return [...this.templates];
  }
}

function indexResources(input: PolicyInput): Map<string, Indexed[]> {
  const index = new Map<string, Indexed[]>();
  input.terraform.forEach((stack, i) => {
    for (const [type, resources] of Object.entries<any>(stack.json?.resource ?? {})) {
      if (!resources || typeof resources !== 'object') continue;
      let list = index.get(type);
      if (!list) index.set(type, list = []);
      for (const [name, body] of Object.entries<any>(resources)) {
        if (!body || typeof body !== 'object') continue;
        list.push({ stack: i, ref: { type, name, body, file: stack.file, constructPath: body['//']?.metadata?.path ?? stack.stack, path: `resource.${type}.${name}` } });
      }
    }
  });
  return index;
}

function indexObjects(objects: readonly PolicyKubernetesObject[]): Map<string, PolicyKubernetesObject[]> {
  const index = new Map<string, PolicyKubernetesObject[]>();
  for (const o of objects) {
    const kind = o.object?.kind;
    if (typeof kind !== 'string') continue;
    let list = index.get(kind);
    if (!list) index.set(kind, list = []);
    list.push(o);
  }
  return index;
}

/** A step of a path: a key or a list index. */
type Step = string | number;

const PARSED = new Map<string, Step[]>();

/** Parses `a.b[0]["c.d"]` into steps; memoized (rules use a few fixed paths many times). */
function parsePath(path: string): Step[] {
  const cached = PARSED.get(path);
  if (cached) return cached;
  if (typeof path !== 'string' || path.length === 0) {
    throw new FleetValidationError(`PolicyQuery: path ${show(path)} is not a field path; use keys separated by '.', indexes as [0], e.g. 'spec.containers[0].image'`);
  }
  const steps: Step[] = [];
  const re = /\.?([^.[\]"]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m || (at === 0 && path.startsWith('.'))) {
      throw new FleetValidationError(`PolicyQuery: path ${show(path)} cannot be read at character ${at + 1}; use keys separated by '.', indexes as [0], quoted keys as ["a.b"]`);
    }
    steps.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : m[3].replace(/\\(.)/g, '$1'));
    at = re.lastIndex;
  }
  if (PARSED.size < 1000) PARSED.set(path, steps);
  return steps;
}

function walk(root: unknown, base: string, steps: Step[], enterBlocks: boolean): PolicyField {
  let value: unknown = root;
  let path = base;
  let found = true;
  for (const step of steps) {
    if (typeof step === 'string' && enterBlocks && Array.isArray(value)) {
      value = value[0];
      path += '[0]';
    }
    if (typeof step === 'number') {
      path += `[${step}]`;
      found = found && Array.isArray(value) && step < value.length;
      value = found ? (value as unknown[])[step] : undefined;
    } else {
      path += /^[^.[\]"]+$/.test(step) ? `${path === '' ? '' : '.'}${step}` : `[${JSON.stringify(step)}]`;
      found = found && value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, step);
      value = found ? (value as Record<string, unknown>)[step] : undefined;
    }
  }
  return { value, path, found };
}
