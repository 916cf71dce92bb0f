/**
 * Environment variable names as Kubernetes validates them for `env[].name`
 * (IsEnvVarName: letters, digits, '_', '-' and '.', not starting with a digit).
 * Kubernetes 1.34 relaxes this behind a feature gate; the strict form works on every
 * supported version and in every shell.
 */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Returns why `name` is not an environment variable name, or undefined when it is one. */
export function envNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'it is empty';
  if (name.includes('=')) return 'it contains \'=\' (the name ends where the value starts)';
  if (!ENV_NAME.test(name)) return 'it must be letters, digits, \'_\', \'-\' or \'.\', and not start with a digit';
  return undefined;
}
