import { TerraformStack } from 'cdktf';
import { StateEncryption } from '../state/encryption';

/** `required_version` written into every stack: accepted by OpenTofu ≥ 1.6 and Terraform ≥ 1.6. */
export const REQUIRED_VERSION = '>= 1.6.0';

/** One stack rendered to Terraform JSON. */
export interface RenderedStack {
  /** The stack's name (its construct id). */
  readonly name: string;
  /** Contents of `main.tf.json`. */
  readonly terraform: Record<string, any>;
  /** Contents of `main.tofu.json` (the same configuration plus OpenTofu-only settings), when asked for. */
  readonly tofu?: Record<string, any>;
  /** Number of managed resources. */
  readonly resourceCount: number;
}

/**
 * Renders a prepared stack and rewrites what the stock cdktf output gets wrong
 * for OpenTofu/Terraform portability: provider sources become `namespace/type`,
 * exact provider pins become `~> major.minor` ranges, and `required_version`
 * is set to a loose lower bound.
 */
export function renderStack(stack: TerraformStack, encryption?: StateEncryption): RenderedStack {
  const tf = stack.toTerraform() as Record<string, any>;
  tf.terraform = tf.terraform ?? {};
  for (const provider of Object.values<any>(tf.terraform.required_providers ?? {})) {
    provider.source = normalizeSource(provider.source);
    if (provider.version !== undefined) provider.version = toVersionRange(provider.version);
  }
  for (const [name, provider] of Object.entries<any>(tf.terraform.required_providers ?? {})) {
    if (!provider.source) provider.source = normalizeSource(name);
  }
  tf.terraform.required_version = REQUIRED_VERSION;

  let tofu: Record<string, any> | undefined;
  if (encryption) {
    tofu = JSON.parse(JSON.stringify(tf));
    tofu!.terraform.encryption = encryption.renderEncryptionBlock();
    const variables = encryption.renderVariables();
    if (Object.keys(variables).length > 0) tofu!.variable = { ...(tofu!.variable ?? {}), ...variables };
  }
  const resourceCount = Object.values<Record<string, unknown>>(tf.resource ?? {})
    .reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  return { name: stack.node.id, terraform: tf, tofu, resourceCount };
}

/** `aws` → `hashicorp/aws`; `registry.terraform.io/hashicorp/aws` → `hashicorp/aws`. */
export function normalizeSource(source: string): string {
  const parts = source.split('/');
  if (parts.length === 1) return `hashicorp/${parts[0]}`;
  if (parts.length === 3) return `${parts[1]}/${parts[2]}`;
  return source;
}

/** `6.25.0` → `~> 6.25`; ranges and other constraints are kept as they are. */
export function toVersionRange(version: string): string {
  const exact = /^=?\s*(\d+)\.(\d+)\.\d+$/.exec(version.trim());
  return exact ? `~> ${exact[1]}.${exact[2]}` : version;
}
