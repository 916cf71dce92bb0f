import type { PlacedManifest } from './place-manifests';
import { findPodTemplate } from '../../policy/pod-security/pod-security';
import { QuotaUsage, quotaUsage } from '../../teams/quota-usage';

const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/**
 * What a team manifest's pod owners take of their namespaces' quota on its cluster, keyed
 * `<team>/<namespace>` like the workloads' usage: replicas (an HPA's `maxReplicas` when one in
 * the content targets the owner), a Job's or CronJob's parallelism, one for a Pod. A DaemonSet
 * runs a pod per node, which synthesis does not know, so it is not counted; nor are the
 * LimitRange defaults a container without requests gets.
 */
export function manifestQuotaUsages(placed: PlacedManifest): Array<{ key: string; usage: QuotaUsage }> {
  const team = placed.manifest.team;
  if (!team) return [];
  const hpaMax = new Map<string, number>();
  for (const o of placed.objects) {
    const target = o.spec?.scaleTargetRef;
    if (o.kind === 'HorizontalPodAutoscaler' && Number.isInteger(o.spec?.maxReplicas)) hpaMax.set(`${o.metadata.namespace}/${target?.kind}/${target?.name}`, o.spec.maxReplicas);
  }
  const usages: Array<{ key: string; usage: QuotaUsage }> = [];
  for (const o of placed.objects) {
    if (!findPodTemplate(o) || !team.namespaces.includes(o.metadata.namespace)) continue;
    const pods = REPLICATED.has(o.kind) ? hpaMax.get(`${o.metadata.namespace}/${o.kind}/${o.metadata.name}`) ?? o.spec?.replicas ?? 1
      : o.kind === 'Job' ? o.spec?.parallelism ?? 1
        : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.parallelism ?? 1
          : o.kind === 'Pod' ? 1 : 0;
    if (pods > 0) usages.push({ key: `${team.teamName}/${o.metadata.namespace}`, usage: quotaUsage(placed.manifest.node.path, [o], pods) });
  }
  return usages;
}
