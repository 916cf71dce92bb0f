import { HardeningCheck } from './hardening-check';
import { Cloud } from '../../core/cloud';
import { KUBERNETES_CATALOG_DATE, KubernetesVersion } from '../../core/kubernetes-version';
import { PolicyQuery } from '../query';
import { PolicyLevel } from '../rule';

/** Where each resource type keeps its Kubernetes version, and its cloud. */
const VERSION_FIELDS: Array<{ type: string; attribute: string; cloud: Cloud }> = [
  { type: 'aws_eks_cluster', attribute: 'version', cloud: Cloud.AWS },
  { type: 'aws_eks_node_group', attribute: 'version', cloud: Cloud.AWS },
  { type: 'google_container_cluster', attribute: 'min_master_version', cloud: Cloud.GCP },
  { type: 'google_container_node_pool', attribute: 'version', cloud: Cloud.GCP },
  { type: 'azurerm_kubernetes_cluster', attribute: 'kubernetes_version', cloud: Cloud.AZURE },
  { type: 'azurerm_kubernetes_cluster_node_pool', attribute: 'orchestrator_version', cloud: Cloud.AZURE },
];

/** "Supported Kubernetes version": checked against cdk-fleet's catalog (lib/core/kubernetes-version.ts). */
export const VERSION_HARDENING_CHECKS: HardeningCheck[] = [{
  rule: {
    id: 'CKF-VERSION-001',
    level: PolicyLevel.ERROR,
    description: `Clusters and node pools run a Kubernetes version their cloud supports (catalog ${KUBERNETES_CATALOG_DATE}).`,
    fixHint: 'Use a KubernetesVersion the cloud offers (KubernetesVersion.offeredBy(cloud)); upgrade clusters before their version leaves support.',
  },
  evaluate: query => VERSION_FIELDS.flatMap(({ type, attribute, cloud }) => query.terraformResources(type).flatMap(r => {
    const version = PolicyQuery.field(r, attribute);
    if (typeof version.value !== 'string' || PolicyQuery.isTerraformExpression(version.value)) return [];
    const minor = /^(\d+\.\d+)/.exec(version.value)?.[1];
    if (minor && KubernetesVersion.of(minor).isOfferedBy(cloud)) return [];
    return [{ ref: r, path: version.path, message: `Kubernetes ${JSON.stringify(version.value)} is not supported on ${cloud}; supported: ${KubernetesVersion.offeredBy(cloud).join(', ')}` }];
  })),
}];
