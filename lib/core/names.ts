/**
 * Naming rules shared by clusters, node pools and Kubernetes objects.
 */

/** RFC 1123 label as Kubernetes uses it for most object names: lowercase alphanumerics and '-', at most 63. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Returns why `name` is not a DNS-1123 label, or undefined when it is one. */
export function dns1123LabelProblem(name: string, maxLength = 63): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > maxLength) return `it is ${name.length} characters long (at most ${maxLength})`;
  if (!DNS1123_LABEL.test(name)) {
    return 'it must consist of lowercase letters, digits and \'-\', and start and end with a letter or digit';
  }
  return undefined;
}

/**
 * Returns why `name` is not a valid EKS cluster name, or undefined when it is one.
 * EKS allows 1-100 characters: letters, digits, '-' and '_', starting with a letter or digit.
 */
export function eksClusterNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 100) return `it is ${name.length} characters long (1 to 100 allowed)`;
  if (!/^[0-9A-Za-z][A-Za-z0-9\-_]*$/.test(name)) {
    return 'it must start with a letter or digit and contain only letters, digits, \'-\' and \'_\'';
  }
  return undefined;
}

/** Returns why `name` is not a valid EKS node group name (1-63 characters, letters, digits, '-', '_'). */
export function eksNodeGroupNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 63) return `it is ${name.length} characters long (1 to 63 allowed)`;
  if (!/^[0-9A-Za-z][A-Za-z0-9\-_]*$/.test(name)) {
    return 'it must start with a letter or digit and contain only letters, digits, \'-\' and \'_\'';
  }
  return undefined;
}

/** Kubernetes label key: optional DNS subdomain prefix (at most 253) + '/' + name (at most 63). */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix))) {
    return `prefix '${prefix}' must be a DNS subdomain (lowercase, digits, '-', '.'; at most 253)`;
  }
  if (name.length === 0 || name.length > 63 || !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name)) {
    return `name '${name}' must be 1-63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Kubernetes label value: empty or at most 63 characters of letters, digits, '-', '_' and '.'. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value)) {
    return 'it must be at most 63 characters of letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit';
  }
  return undefined;
}

/** Why `key`=`value` is not a Kubernetes label (values from jsii callers may not be strings), or undefined. */
export function labelProblem(key: string, value: unknown): string | undefined {
  return labelKeyProblem(key) ?? (typeof value === 'string' ? labelValueProblem(value) : 'the value must be a string');
}

/** Returns why `name` is not a valid GKE cluster or node pool name (1-40 lowercase letters, digits, '-'; starts with a letter). */
export function gkeNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 40) return `it is ${name.length} characters long (1 to 40 allowed)`;
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    return 'it must start with a lowercase letter, end with a letter or digit, and contain only lowercase letters, digits and \'-\'';
  }
  return undefined;
}

/** Returns why `name` is not a valid AKS cluster name (1-63 letters, digits, '-', '_'; starts and ends with a letter or digit). */
export function aksClusterNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 63) return `it is ${name.length} characters long (1 to 63 allowed)`;
  if (!/^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/.test(name)) {
    return 'it must start and end with a letter or digit and contain only letters, digits, \'-\' and \'_\'';
  }
  return undefined;
}

/** Returns why `name` is not a valid AKS Linux node pool name (1-12 lowercase letters and digits, starting with a letter). */
export function aksNodePoolNameProblem(name: string): string | undefined {
  if (!/^[a-z][a-z0-9]{0,11}$/.test(name)) {
    return `it must be 1 to 12 lowercase letters and digits starting with a letter (got ${name.length} characters)`;
  }
  return undefined;
}
