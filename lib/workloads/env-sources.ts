import { IConstruct } from 'constructs';
import { invalid, show } from '../core/errors';
import { envNameProblem } from '../core/grammar/env-name';
import { configKeyProblem, dns1123SubdomainProblem } from '../core/grammar/object-name';

/** Options of a value read from a Secret or ConfigMap key. */
export interface EnvKeyOptions {
  /**
   * Start the container even when the object or key is missing (the variable is then unset).
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * The value of one environment variable, read from a key of a Secret or a ConfigMap in
 * the workload's namespace (Kubernetes `env[].valueFrom`). The object is not created by
 * cdk-fleet: it must exist in the namespace on every cluster the workload runs on.
 */
export class EnvValueSource {
  /** The value of `key` in Secret `secretName` (e.g. `EnvValueSource.secretKey('db', 'password')`). */
  public static secretKey(secretName: string, key: string, options: EnvKeyOptions = {}): EnvValueSource {
    return new EnvValueSource('secretKeyRef', secretName, key, options.optional ?? false);
  }

  /** The value of `key` in ConfigMap `configMapName`. */
  public static configMapKey(configMapName: string, key: string, options: EnvKeyOptions = {}): EnvValueSource {
    return new EnvValueSource('configMapKeyRef', configMapName, key, options.optional ?? false);
  }

  /** `secretKeyRef` or `configMapKeyRef`. */
  public readonly refKind: string;
  /** Name of the Secret or ConfigMap. */
  public readonly objectName: string;
  /** Key in the object's data. */
  public readonly key: string;
  /** Whether the object or key may be missing. */
  public readonly optional: boolean;

  private constructor(refKind: string, objectName: string, key: string, optional: boolean) {
    this.refKind = refKind;
    this.objectName = objectName;
    this.key = key;
    this.optional = optional;
  }
}

/** Options of a whole Secret or ConfigMap taken as environment variables. */
export interface EnvFromOptions {
  /**
   * Prefix added to every key (e.g. `DB_`); the prefixed keys must be environment variable names.
   * @default - no prefix
   */
  readonly prefix?: string;
  /**
   * Start the container even when the object is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * Every key of a Secret or ConfigMap in the workload's namespace as an environment
 * variable (Kubernetes `envFrom`). The object must exist on every cluster the workload
 * runs on; variables named in `env` or `envValueFrom` win over its keys.
 */
export class EnvFromSource {
  /** Every key of Secret `secretName`. */
  public static secret(secretName: string, options: EnvFromOptions = {}): EnvFromSource {
    return new EnvFromSource('secretRef', secretName, options);
  }

  /** Every key of ConfigMap `configMapName`. */
  public static configMap(configMapName: string, options: EnvFromOptions = {}): EnvFromSource {
    return new EnvFromSource('configMapRef', configMapName, options);
  }

  /** `secretRef` or `configMapRef`. */
  public readonly refKind: string;
  /** Name of the Secret or ConfigMap. */
  public readonly objectName: string;
  /**
   * Prefix of the variables.
   * @default - none
   */
  public readonly prefix?: string;
  /** Whether the object may be missing. */
  public readonly optional: boolean;

  private constructor(refKind: string, objectName: string, options: EnvFromOptions) {
    this.refKind = refKind;
    this.objectName = objectName;
    this.prefix = options.prefix;
    this.optional = options.optional ?? false;
  }
}

/** Checks `envValueFrom` (names, sources, object names, keys) and that no name is also in `env`. */
export function checkEnvValueFrom(scope: IConstruct, kind: string, values: { [name: string]: EnvValueSource } | undefined,
  env: { [name: string]: string } | undefined): void {
  if (values === undefined) return;
  if (values === null || typeof values !== 'object' || Array.isArray(values)) invalid(kind, scope, `envValueFrom ${show(values)} must be a map of name → EnvValueSource`);
  for (const [name, source] of Object.entries(values)) {
    const problem = envNameProblem(name);
    if (problem) invalid(kind, scope, `envValueFrom name ${show(name)} is not an environment variable name: ${problem}; use e.g. 'DB_PASSWORD'`);
    if (!(source instanceof EnvValueSource)) {
      invalid(kind, scope, `envValueFrom '${name}' is ${show(source)}; use EnvValueSource.secretKey(secret, key) or EnvValueSource.configMapKey(configMap, key)`);
    }
    if (env && Object.prototype.hasOwnProperty.call(env, name)) invalid(kind, scope, `'${name}' is set in both env and envValueFrom; keep one`);
    const what = source.refKind === 'secretKeyRef' ? 'Secret' : 'ConfigMap';
    const nameProblem = dns1123SubdomainProblem(source.objectName);
    if (nameProblem) invalid(kind, scope, `envValueFrom '${name}': ${what} name ${show(source.objectName)} is not a Kubernetes object name: ${nameProblem}`);
    const keyProblem = configKeyProblem(source.key);
    if (keyProblem) invalid(kind, scope, `envValueFrom '${name}': key ${show(source.key)} is not a ${what} key: ${keyProblem}`);
  }
}

/** Checks `envFrom`: sources, object names and prefixes. */
export function checkEnvFrom(scope: IConstruct, kind: string, sources: EnvFromSource[] | undefined): void {
  if (sources === undefined) return;
  if (!Array.isArray(sources)) invalid(kind, scope, `envFrom ${show(sources)} must be a list of EnvFromSource`);
  const seen = new Set<string>();
  sources.forEach((source, i) => {
    if (!(source instanceof EnvFromSource)) invalid(kind, scope, `envFrom[${i}] is ${show(source)}; use EnvFromSource.secret(name) or EnvFromSource.configMap(name)`);
    const what = source.refKind === 'secretRef' ? 'Secret' : 'ConfigMap';
    const nameProblem = dns1123SubdomainProblem(source.objectName);
    if (nameProblem) invalid(kind, scope, `envFrom[${i}]: ${what} name ${show(source.objectName)} is not a Kubernetes object name: ${nameProblem}`);
    const key = `${source.refKind}/${source.objectName}/${source.prefix ?? ''}`;
    if (seen.has(key)) invalid(kind, scope, `envFrom[${i}]: ${what} '${source.objectName}' is listed twice; list each source once`);
    seen.add(key);
    if (source.prefix !== undefined) {
      const problem = envNameProblem(`${source.prefix}X`);
      if (problem || source.prefix === '') invalid(kind, scope, `envFrom[${i}].prefix ${show(source.prefix)} cannot start an environment variable name: ${problem ?? 'it is empty'}`);
    }
  });
}

/** `env` entries of the variables read from Secret and ConfigMap keys. */
export function envValueFromEntries(values: { [name: string]: EnvValueSource } | undefined): Array<[string, Record<string, any>]> {
  return Object.entries(values ?? {}).map(([name, s]) => [name, {
    name,
    valueFrom: { [s.refKind]: { name: s.objectName, key: s.key, ...(s.optional ? { optional: true } : {}) } },
  }]);
}

/** The container's `envFrom` list. */
export function envFromList(sources: EnvFromSource[] | undefined): Array<Record<string, any>> {
  return (sources ?? []).map(s => ({
    ...(s.prefix ? { prefix: s.prefix } : {}),
    [s.refKind]: { name: s.objectName, ...(s.optional ? { optional: true } : {}) },
  }));
}
