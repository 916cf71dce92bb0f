import { describeObject, objectKey } from './manifest-objects';
import { FleetValidationError } from '../../core/errors';

/**
 * Fails when two objects written to one cluster's directory share group, kind, namespace
 * and name (kustomize refuses the directory, and one would overwrite the other when
 * applied), naming both constructs. Linear in the objects.
 */
export function checkUniqueObjects(clusterId: string,
  objects: ReadonlyArray<{ readonly constructPath: string; readonly object: Record<string, any> }>): void {
  const seen = new Map<string, string>();
  for (const { constructPath, object } of objects) {
    const key = objectKey(object);
    const other = seen.get(key);
    if (other !== undefined && other !== constructPath) {
      throw new FleetValidationError(`'${constructPath}': ${describeObject(object)} on cluster '${clusterId}' is also written by '${other}'; ` +
        'an object may be written once per cluster, so rename one of them or use another namespace', constructPath);
    }
    if (other === undefined) seen.set(key, constructPath);
  }
}

/** Fails when a manifest's file name is already taken in the cluster's directory (a workload in namespace `manifest`). */
export function checkFreeFile(clusterId: string, files: ReadonlyMap<string, string>, file: string, constructPath: string): void {
  if (files.has(file)) {
    throw new FleetValidationError(`kubernetesManifest '${constructPath}': its file ${file} on cluster '${clusterId}' is already written for a workload; give the manifest another id`, constructPath);
  }
}
