import { PodTemplateLocation } from '../pod-security/pod-security';

/** A container-level violation, before the rule id is attached. */
export interface ContainerViolation {
  readonly ruleId: string;
  readonly jsonPath: string;
  readonly message: string;
}

const RESOURCE_FIELDS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'KEY', 'APIKEY', 'CREDENTIALS', 'PRIVATEKEY']);
const NOT_A_SECRET_WORDS = new Set(['FILE', 'PATH', 'DIR', 'URL', 'URI', 'ENDPOINT']);

/** True when the env var name looks like it holds a secret (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`), not a file or URL of one. */
export function secretLookingName(name: string): boolean {
  const words = name.toUpperCase().split(/[^A-Z0-9]+/).filter(w => w.length > 0);
  return words.some(w => SECRET_WORDS.has(w)) && !words.some(w => NOT_A_SECRET_WORDS.has(w));
}

/** Why the image reference is not pinned to a version, or undefined when it has a tag other than `latest` or a digest. */
export function unpinnedImage(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.length === 0) return 'has no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const last = image.split('/').pop()!;
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  if (tag === undefined) return `image "${image}" has no tag (it means :latest)`;
  if (tag === 'latest') return `image "${image}" uses the mutable :latest tag`;
  return undefined;
}

/**
 * The per-container best practices over one pod template. `serving` says whether
 * the owner is a long-running workload (probes required) rather than a Job or bare Pod.
 */
export function containerViolations(template: PodTemplateLocation, serving: boolean): ContainerViolation[] {
  const out: ContainerViolation[] = [];
  for (const field of ['initContainers', 'containers']) {
    const list = Array.isArray(template.spec[field]) ? template.spec[field] : [];
    list.forEach((c: any, i: number) => {
      if (!c || typeof c !== 'object') return;
      const path = `${template.specPath}.${field}[${i}]`;
      const name = c.name ?? `#${i}`;
      const runsAlongside = field === 'containers' || c.restartPolicy === 'Always';
      if (runsAlongside) {
        for (const f of RESOURCE_FIELDS) {
          const [group, resource] = f.split('.');
          if (c.resources?.[group]?.[resource] === undefined) {
            out.push({ ruleId: 'CKF-K8S-001', jsonPath: `${path}.resources.${f}`, message: `container "${name}" sets no ${f.replace('.', ' ')}` });
          }
        }
      }
      if (serving && field === 'containers') {
        if (!c.livenessProbe) out.push({ ruleId: 'CKF-K8S-002', jsonPath: `${path}.livenessProbe`, message: `container "${name}" has no liveness probe` });
        if (!c.readinessProbe) out.push({ ruleId: 'CKF-K8S-003', jsonPath: `${path}.readinessProbe`, message: `container "${name}" has no readiness probe` });
      }
      const unpinned = unpinnedImage(c.image);
      if (unpinned) {out.push({ ruleId: 'CKF-K8S-004', jsonPath: `${path}.image`, message: `container "${name}": ${unpinned}` });} else if (!/@sha256:[0-9a-f]{64}$/.test(c.image)) {
        out.push({ ruleId: 'CKF-K8S-005', jsonPath: `${path}.image`, message: `container "${name}": image "${c.image}" is pinned by tag, not by digest` });
      }
      (Array.isArray(c.env) ? c.env : []).forEach((e: any, j: number) => {
        if (typeof e?.name === 'string' && typeof e.value === 'string' && e.value.length > 0 && secretLookingName(e.name)) {
          out.push({ ruleId: 'CKF-K8S-008', jsonPath: `${path}.env[${j}].value`, message: `container "${name}": env ${e.name} holds a literal value that looks like a secret` });
        }
      });
      (Array.isArray(c.ports) ? c.ports : []).forEach((p: any, j: number) => {
        if (p?.hostPort !== undefined && p.hostPort !== 0) {
          out.push({ ruleId: 'CKF-K8S-009', jsonPath: `${path}.ports[${j}].hostPort`, message: `container "${name}" binds host port ${p.hostPort}` });
        }
      });
    });
  }
  return out;
}
