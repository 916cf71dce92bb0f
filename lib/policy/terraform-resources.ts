import { PolicyInput } from './input';

/** One resource of a rendered stack, with where it sits. */
export interface TerraformResourceRef {
  /** Resource type, e.g. `aws_eks_cluster`. */
  readonly type: string;
  /** Resource name in the stack. */
  readonly name: string;
  /** The resource body. */
  readonly body: Record<string, any>;
  /** Stack file, e.g. `terraform/prod-us/main.tf.json`. */
  readonly file: string;
  /** Construct path from the resource's `"//"` metadata (the stack name when absent). */
  readonly constructPath: string;
  /** JSON path of the resource, e.g. `resource.aws_eks_cluster.cluster`. */
  readonly path: string;
}

/** A field reached through nested blocks, and its JSON path. */
export interface FieldRef {
  readonly value: unknown;
  readonly path: string;
}

/** Resources of the given types over every stack, in stack then resource order (one pass). */
export function resourcesOf(input: PolicyInput, types: readonly string[]): TerraformResourceRef[] {
  const out: TerraformResourceRef[] = [];
  for (const stack of input.terraform) {
    const resources = stack.json.resource ?? {};
    for (const type of types) {
      for (const [name, body] of Object.entries<any>(resources[type] ?? {})) {
        if (!body || typeof body !== 'object') continue;
        out.push({ type, name, body, file: stack.file, constructPath: body['//']?.metadata?.path ?? stack.stack, path: `resource.${type}.${name}` });
      }
    }
  }
  return out;
}

/**
 * Follows `keys` from the resource body. A block written as a list (`[{...}]`) is
 * entered at its first element, and the path says so (`vpc_config[0].endpoint_public_access`).
 */
export function field(ref: TerraformResourceRef, ...keys: string[]): FieldRef {
  let value: unknown = ref.body;
  let path = ref.path;
  for (const key of keys) {
    if (Array.isArray(value)) {
      value = value[0];
      path += '[0]';
    }
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    path += `.${key}`;
  }
  return { value, path };
}

/** True when the value is an unresolved Terraform expression (`${...}`), which rules cannot judge. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** CIDR blocks that mean "the whole internet". */
export function isOpenCidr(cidr: unknown): boolean {
  return cidr === '0.0.0.0/0' || cidr === '::/0';
}
