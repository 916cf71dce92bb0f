import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { enforcedPodSecurity } from '../../lib/policy/pod-security/admission-labels';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject, evaluatePodSpec, findPodTemplate } from '../../lib/policy/pod-security/pod-security';
import { synthExample } from '../support/examples';

/** A pod a later `kubectl apply` might bring into the namespace: privileged, root, host network. */
const privilegedPod = {
  hostNetwork: true,
  containers: [{ name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true, runAsUser: 0 } }],
};

/** Every Kubernetes YAML file of a cluster or edge-site directory, parsed, grouped by directory. */
function objectsByDirectory(outdir: string, directories: string[]): Map<string, any[]> {
  const byDir = new Map<string, any[]>();
  for (const dir of directories) {
    const objects: any[] = [];
    const walk = (rel: string) => {
      for (const entry of fs.readdirSync(path.join(outdir, rel), { withFileTypes: true })) {
        const child = `${rel}/${entry.name}`;
        if (entry.isDirectory()) {walk(child);} else if (entry.name.endsWith('.yaml') && entry.name !== 'kustomization.yaml') {
          objects.push(...parseAllDocuments(fs.readFileSync(path.join(outdir, child), 'utf8')).map(d => d.toJS()).filter(o => o?.kind));
        }
      }
    };
    walk(dir);
    byDir.set(dir, objects);
  }
  return byDir;
}

describe('bundled examples: every workload in a namespace that enforces restricted', () => {
  test.each(['multi-cloud-gpu', 'two-teams', 'edge-retail'])('%s', example => {
    const outdir = synthExample(example);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const clusterDirs = Object.values<any>(manifest.kubernetes ?? {}).map(k => k.directory);
    // Edge: the first sites (every store has the same namespaces; 1,000 would only repeat them).
    const siteDirs = Object.values<any>(manifest.edge ?? {}).slice(0, 5).map(s => `${s.directory}/manifests`);
    const dirs = [...clusterDirs, ...siteDirs];
    expect(dirs.length).toBeGreaterThan(0);
    let pods = 0;
    for (const [dir, objects] of objectsByDirectory(outdir, dirs)) {
      const namespaces = new Map(objects.filter(o => o.kind === 'Namespace').map(o => [o.metadata.name, enforcedPodSecurity(o.metadata.labels)]));
      for (const owner of objects.filter(o => findPodTemplate(o))) {
        pods++;
        const ns = owner.metadata.namespace;
        expect(ns).toBeDefined();
        expect(['default', 'kube-system']).not.toContain(ns);
        const enforced = namespaces.get(ns);
        expect({ dir, ns, enforced }).toEqual({ dir, ns, enforced: { level: PodSecurityLevel.RESTRICTED, version: expect.stringMatching(/^v1\.\d+$/) } });
        // The namespace admits the workload's own pods at its pinned level and version...
        expect(evaluateObject(owner, enforced!.level, enforced!.version)).toEqual([]);
        // ...and rejects a privileged pod applied into it later.
        const rejected = evaluatePodSpec(privilegedPod, {}, enforced!.level, enforced!.version).map(f => f.check);
        expect(rejected).toEqual(expect.arrayContaining(['privileged', 'hostNamespaces', 'runAsNonRoot']));
      }
      // warn and audit follow enforce
      for (const ns of objects.filter(o => o.kind === 'Namespace')) {
        const labels = ns.metadata.labels;
        expect(labels['pod-security.kubernetes.io/warn']).toBe(labels['pod-security.kubernetes.io/enforce']);
        expect(labels['pod-security.kubernetes.io/audit']).toBe(labels['pod-security.kubernetes.io/enforce']);
      }
    }
    expect(pods).toBeGreaterThan(3);
  });
});
