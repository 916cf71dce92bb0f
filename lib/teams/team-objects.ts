import { namespaceObject, podSecurityVersionOf } from './namespace-object';
import { Team } from './team';
import { TeamQuota } from './team-options';
import { ICluster } from '../clusters/cluster';
import { Cloud } from '../core/cloud';
import { PodSecurityLevel } from '../policy/pod-security/levels';

/** Name of the objects a team gets in each of its namespaces. */
export const TEAM_OBJECT_NAME = 'team';

/** The `ResourceQuota` `spec.hard` keys of a team quota. */
export function quotaHard(q: TeamQuota): Record<string, string> {
  const hard: Record<string, string> = {};
  if (q.cpu !== undefined) hard['requests.cpu'] = q.cpu;
  if (q.memory !== undefined) hard['requests.memory'] = q.memory;
  if (q.cpuLimit !== undefined) hard['limits.cpu'] = q.cpuLimit;
  if (q.memoryLimit !== undefined) hard['limits.memory'] = q.memoryLimit;
  for (const [name, count] of Object.entries(q.gpus ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) hard[`requests.${name}`] = String(count);
  if (q.storage !== undefined) hard['requests.storage'] = q.storage;
  if (q.persistentVolumeClaims !== undefined) hard.persistentvolumeclaims = String(q.persistentVolumeClaims);
  if (q.pods !== undefined) hard.pods = String(q.pods);
  return hard;
}

/**
 * The Kubernetes objects of a team on one cluster, per namespace: the Namespace
 * (Pod Security labels pinned to the cluster's version, the team's labels), a
 * ResourceQuota (when the team has one there), a LimitRange with container defaults,
 * a NetworkPolicy that denies all ingress to the namespace's pods except what other
 * policies (each workload's own) allow, so other teams cannot reach them, and on GKE a
 * RoleBinding of the team's Google Groups to the `edit` ClusterRole.
 *
 * @param levels the Pod Security level each namespace needs (restricted when absent)
 */
export function teamObjects(team: Team, cluster: ICluster, fleetLabels: Record<string, string>,
  levels: ReadonlyMap<string, PodSecurityLevel> = new Map()): Array<Record<string, any>> {
  const labels = { ...fleetLabels, ...team.labels, 'app.kubernetes.io/managed-by': 'cdk-fleet' };
  const version = podSecurityVersionOf(cluster);
  const quota = team.quotaOn(cluster);
  const hard = quota ? quotaHard(quota) : {};
  const groups = cluster.cloud === Cloud.GCP ? team.members.googleGroups ?? [] : [];
  const objects: Array<Record<string, any>> = [];
  for (const namespace of team.namespaces) {
    const metadata = { name: TEAM_OBJECT_NAME, namespace, labels };
    objects.push(namespaceObject(namespace, { ...fleetLabels, ...team.labels }, levels.get(namespace) ?? PodSecurityLevel.RESTRICTED, version));
    if (Object.keys(hard).length > 0) objects.push({ apiVersion: 'v1', kind: 'ResourceQuota', metadata, spec: { hard } });
    objects.push({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata,
      spec: {
        limits: [{
          type: 'Container',
          defaultRequest: { cpu: team.limits.cpuRequest, memory: team.limits.memoryRequest },
          default: { cpu: team.limits.cpuLimit, memory: team.limits.memoryLimit },
        }],
      },
    });
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { ...metadata, name: `${TEAM_OBJECT_NAME}-default-deny-ingress` },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    if (groups.length > 0) {
      objects.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { ...metadata, name: `${TEAM_OBJECT_NAME}-edit` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
        subjects: [...groups].sort().map(name => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name })),
      });
    }
  }
  return objects;
}
