import { IConstruct } from 'constructs';
import { invalid, show } from '../core/errors';
import { dns1123SubdomainProblem } from '../core/grammar/object-name';
import { dns1123LabelProblem } from '../core/names';
import { parseMemory } from '../core/quantity';

/** Options of an emptyDir volume. */
export interface EmptyDirOptions {
  /**
   * Most space the volume may use, e.g. `1Gi` (the pod is evicted beyond it).
   * @default - no limit (the node's ephemeral storage)
   */
  readonly sizeLimit?: string;
  /**
   * Back the volume with memory (tmpfs); it then counts against the container's memory limit.
   * @default false
   */
  readonly memory?: boolean;
}

/**
 * What a workload volume holds: a Secret, a ConfigMap, an emptyDir scratch space or an
 * existing PersistentVolumeClaim. Secrets, ConfigMaps and claims are not created by
 * cdk-fleet: they must exist in the workload's namespace on every cluster it runs on.
 */
export class VolumeSource {
  /** The keys of Secret `secretName` as files. */
  public static secret(secretName: string): VolumeSource {
    return new VolumeSource('secret', secretName, {});
  }

  /** The keys of ConfigMap `configMapName` as files. */
  public static configMap(configMapName: string): VolumeSource {
    return new VolumeSource('configMap', configMapName, {});
  }

  /** A scratch directory that lives as long as the pod (writable by default). */
  public static emptyDir(options: EmptyDirOptions = {}): VolumeSource {
    return new VolumeSource('emptyDir', undefined, options);
  }

  /** An existing PersistentVolumeClaim `claimName`, shared by every replica. */
  public static persistentVolumeClaim(claimName: string): VolumeSource {
    return new VolumeSource('persistentVolumeClaim', claimName, {});
  }

  /** `secret`, `configMap`, `emptyDir` or `persistentVolumeClaim`. */
  public readonly sourceType: string;
  /**
   * Name of the Secret, ConfigMap or claim.
   * @default - none (emptyDir)
   */
  public readonly objectName?: string;
  /**
   * emptyDir size limit.
   * @default - none
   */
  public readonly sizeLimit?: string;
  /** Whether an emptyDir lives in memory. */
  public readonly memory: boolean;

  private constructor(sourceType: string, objectName: string | undefined, options: EmptyDirOptions) {
    this.sourceType = sourceType;
    this.objectName = objectName;
    this.sizeLimit = options.sizeLimit;
    this.memory = options.memory ?? false;
  }
}

/** A volume of the workload's pods and where the app container mounts it. */
export interface WorkloadVolume {
  /** Volume name (DNS-1123 label, unique in the pod; `tmp` is the fleet's own `/tmp`). */
  readonly name: string;
  /** What the volume holds. */
  readonly source: VolumeSource;
  /** Absolute path in the container (not `/tmp`, which is already a scratch volume). */
  readonly mountPath: string;
  /**
   * Mount read-only.
   * @default - true, except for an emptyDir (a scratch space is written to)
   */
  readonly readOnly?: boolean;
  /**
   * Mount only this path inside the volume (e.g. one key of a ConfigMap).
   * @default - the whole volume
   */
  readonly subPath?: string;
}

/** Names the fleet's pod template or built-in kinds use themselves. */
const RESERVED = ['tmp', 'model-cache', 'state'];

/** Checks volume names, sources and mount paths (absolute, unique, not `/tmp`). */
export function checkVolumes(scope: IConstruct, kind: string, volumes: WorkloadVolume[] | undefined): void {
  if (volumes === undefined) return;
  if (!Array.isArray(volumes)) invalid(kind, scope, `volumes ${show(volumes)} must be a list of { name, source, mountPath }`);
  const names = new Set<string>();
  const paths = new Set<string>(['/tmp']);
  volumes.forEach((v, i) => {
    const at = `volumes[${i}]`;
    const nameProblem = dns1123LabelProblem(typeof v?.name === 'string' ? v.name : '');
    if (nameProblem) invalid(kind, scope, `${at}.name ${show(v?.name)} is not a DNS-1123 label: ${nameProblem}`);
    if (RESERVED.includes(v.name)) invalid(kind, scope, `${at}.name '${v.name}' is used by the fleet's pod template; choose another name (reserved: ${RESERVED.join(', ')})`);
    if (names.has(v.name)) invalid(kind, scope, `${at}.name '${v.name}' is used twice; volume names must be unique in the pod`);
    names.add(v.name);
    if (!(v.source instanceof VolumeSource)) {
      invalid(kind, scope, `${at}.source is ${show(v.source)}; use VolumeSource.secret(name), .configMap(name), .emptyDir() or .persistentVolumeClaim(claim)`);
    }
    if (v.source.objectName !== undefined) {
      const problem = dns1123SubdomainProblem(v.source.objectName);
      if (problem) invalid(kind, scope, `${at}.source: ${v.source.sourceType} name ${show(v.source.objectName)} is not a Kubernetes object name: ${problem}`);
    }
    if (v.source.sizeLimit !== undefined && !(parseMemory(v.source.sizeLimit) ?? 0)) {
      invalid(kind, scope, `${at}.source sizeLimit ${show(v.source.sizeLimit)} is not a size; use e.g. '512Mi' or '1Gi'`);
    }
    const path = v.mountPath;
    if (typeof path !== 'string' || !path.startsWith('/') || path.includes(':') || /\s/.test(path) || path.split('/').includes('..')) {
      invalid(kind, scope, `${at}.mountPath ${show(path)} must be an absolute path without ':', '..' or spaces (e.g. '/etc/app')`);
    }
    const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
    if (normalized === '/' || normalized === '/tmp') invalid(kind, scope, `${at}.mountPath '${path}' is ${normalized === '/' ? 'the root filesystem' : 'already the pod\'s scratch volume (tmp)'}; mount it elsewhere`);
    if (paths.has(normalized)) invalid(kind, scope, `${at}.mountPath '${path}' is mounted twice; give each volume its own path`);
    paths.add(normalized);
    if (v.subPath !== undefined && (typeof v.subPath !== 'string' || v.subPath === '' || v.subPath.startsWith('/') || v.subPath.split('/').includes('..'))) {
      invalid(kind, scope, `${at}.subPath ${show(v.subPath)} must be a relative path inside the volume without '..'`);
    }
  });
}

/** Pod `volumes` entries of the workload volumes. */
export function podVolumes(volumes: WorkloadVolume[] | undefined): Array<Record<string, any>> {
  return (volumes ?? []).map(v => {
    const s = v.source;
    switch (s.sourceType) {
      case 'secret': return { name: v.name, secret: { secretName: s.objectName } };
      case 'configMap': return { name: v.name, configMap: { name: s.objectName } };
      case 'persistentVolumeClaim': return { name: v.name, persistentVolumeClaim: { claimName: s.objectName, ...(readOnly(v) ? { readOnly: true } : {}) } };
      default: return { name: v.name, emptyDir: { ...(s.memory ? { medium: 'Memory' } : {}), ...(s.sizeLimit ? { sizeLimit: s.sizeLimit } : {}) } };
    }
  });
}

/** App container `volumeMounts` entries of the workload volumes. */
export function volumeMounts(volumes: WorkloadVolume[] | undefined): Array<Record<string, any>> {
  return (volumes ?? []).map(v => ({
    name: v.name,
    mountPath: v.mountPath,
    ...(v.subPath ? { subPath: v.subPath } : {}),
    ...(readOnly(v) ? { readOnly: true } : {}),
  }));
}

function readOnly(v: WorkloadVolume): boolean {
  return v.readOnly ?? v.source.sourceType !== 'emptyDir';
}
