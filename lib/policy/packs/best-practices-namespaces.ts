import { TEAM_LABEL } from '../../core/namespaces';
import { enforcedPodSecurity, POD_SECURITY_LABEL_PREFIX } from '../pod-security/admission-labels';
import { PolicyQuery } from '../query';
import { PolicyFinding } from '../rule';


function directoryOf(file: string): string {
  return file.slice(0, Math.max(0, file.lastIndexOf('/')));
}

/**
 * CKF-K8S-010: every namespace the output puts pods in is written by the output, in
 * the same directory (a cluster's or an edge site's), with a Namespace object whose
 * `pod-security.kubernetes.io/enforce` label is `baseline` or `restricted`; and every
 * Namespace object written enforces one of them.
 *
 * CKF-K8S-011: in a fleet with teams (some Namespace carries `cdk-fleet.io/team`),
 * every pod owner under `kubernetes/` carries the label of a team. Edge bundles have no teams.
 */
export function namespaceFindings(query: PolicyQuery): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  const enforcing = new Set<string>();
  let teams = false;
  for (const entry of query.kubernetesObjects('Namespace')) {
    const labels = entry.object.metadata?.labels;
    if (labels?.[TEAM_LABEL] !== undefined) teams = true;
    if (enforcedPodSecurity(labels)) {
      enforcing.add(`${directoryOf(entry.file)}\u0000${entry.object.metadata?.name}`);
    } else {
      findings.push({
        ruleId: 'CKF-K8S-010',
        constructPath: entry.constructPath,
        file: entry.file,
        jsonPath: 'metadata.labels',
        message: `Namespace "${entry.object.metadata?.name}" enforces no Pod Security level (${POD_SECURITY_LABEL_PREFIX}enforce is ${JSON.stringify(labels?.[`${POD_SECURITY_LABEL_PREFIX}enforce`] ?? null)}; use baseline or restricted)`,
      });
    }
  }
  for (const { owner: entry } of query.podTemplates()) {
    const ns = entry.object.metadata?.namespace ?? 'default';
    const name = `${entry.object.kind} "${entry.object.metadata?.name}"`;
    if (!enforcing.has(`${directoryOf(entry.file)}\u0000${ns}`)) {
      findings.push({
        ruleId: 'CKF-K8S-010',
        constructPath: entry.constructPath,
        file: entry.file,
        jsonPath: 'metadata.namespace',
        message: `${name} runs in namespace "${ns}", which no Namespace object in ${directoryOf(entry.file)}/ labels to enforce Pod Security; nothing on the cluster stops a privileged pod there`,
      });
    }
    if (teams && entry.file.startsWith('kubernetes/') && entry.object.metadata?.labels?.[TEAM_LABEL] === undefined) {
      findings.push({
        ruleId: 'CKF-K8S-011',
        constructPath: entry.constructPath,
        file: entry.file,
        jsonPath: 'metadata.labels',
        message: `${name} in namespace "${ns}" belongs to no team (no ${TEAM_LABEL} label) in a fleet that has teams`,
      });
    }
  }
  return findings;
}
