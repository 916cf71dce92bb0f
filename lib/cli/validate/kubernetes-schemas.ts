import { parseAllDocuments } from 'yaml';
import { Finding } from './finding';

/** Whether an artifact holds Kubernetes objects to check (kustomization files are not objects). */
export function isKubernetesArtifact(file: string): boolean {
  if (!/\.ya?ml$/.test(file) || /(^|\/)kustomization\.ya?ml$/.test(file)) return false;
  // an edge bundle also holds k3s configuration; only its manifests are Kubernetes objects
  return file.startsWith('edge/') ? /^edge\/[^/]+\/manifests\//.test(file) : true;
}

/**
 * Validates every object of a YAML artifact against the Kubernetes OpenAPI schema
 * of its apiVersion and kind (offline, from `kubernetes-models`). Kinds the models do
 * not know (custom resources) are counted, not failed.
 */
export function checkKubernetesObjects(file: string, text: string): { findings: Finding[]; objects: number; unknownKinds: string[] } {
  const findings: Finding[] = [];
  const unknownKinds = new Set<string>();
  let objects = 0;
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length > 0) {
      findings.push({ check: 'kubernetes-schema', file, jsonPath: `documents[${i}]`, message: `not valid YAML: ${doc.errors[0].message}` });
      return;
    }
    const obj = doc.toJS();
    if (!obj || typeof obj !== 'object') return;
    objects++;
    const { apiVersion, kind } = obj;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      findings.push({ check: 'kubernetes-schema', file, jsonPath: `documents[${i}]`, message: 'object has no apiVersion or kind' });
      return;
    }
    const Model = loadModel(apiVersion, kind);
    if (!Model) {
      unknownKinds.add(`${apiVersion}/${kind}`);
      return;
    }
    try {
      new Model(obj).validate();
    } catch (e: any) {
      const errors: Array<{ instancePath?: string; message?: string }> = e?.errors ?? [{ message: e?.message }];
      for (const err of errors) {
        const where = (err.instancePath ?? '').split('/').filter(Boolean).join('.');
        findings.push({
          check: 'kubernetes-schema',
          file,
          jsonPath: `documents[${i}]${where ? `.${where}` : ''}`,
          message: `${kind} '${obj.metadata?.name ?? '?'}': ${where || 'object'} ${err.message ?? 'is invalid'} (Kubernetes ${apiVersion} ${kind} schema)`,
        });
      }
    }
  });
  return { findings, objects, unknownKinds: [...unknownKinds].sort() };
}

/** The kubernetes-models class for an apiVersion and kind, if the package has one. */
function loadModel(apiVersion: string, kind: string): (new (data: unknown) => { validate(): void }) | undefined {
  if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
  } catch {
    return undefined;
  }
}
