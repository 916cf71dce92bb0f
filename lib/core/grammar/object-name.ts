/**
 * Names Kubernetes validates for Secrets, ConfigMaps, PersistentVolumeClaims (DNS-1123
 * subdomains) and for the keys of a Secret's or ConfigMap's data
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/).
 */

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** IsConfigMapKey: letters, digits, '-', '_' and '.', at most 253 characters, not '.' or '..'. */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** Returns why `name` is not a DNS-1123 subdomain (an object name), or undefined when it is one. */
export function dns1123SubdomainProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'it is empty';
  if (name.length > 253) return `it is ${name.length} characters long (at most 253)`;
  if (!DNS1123_SUBDOMAIN.test(name)) return 'it must consist of lowercase letters, digits, \'-\' and \'.\', and start and end with a letter or digit';
  return undefined;
}

/** Returns why `key` is not a key of a Secret's or ConfigMap's data, or undefined when it is one. */
export function configKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'it is empty';
  if (key.length > 253) return `it is ${key.length} characters long (at most 253)`;
  if (key === '.' || key === '..') return `it is '${key}'`;
  if (!CONFIG_KEY.test(key)) return 'it must consist of letters, digits, \'-\', \'_\' and \'.\'';
  return undefined;
}
