import { ICluster } from '../clusters/cluster';
import { Capability } from '../core/capability';
import { Cloud } from '../core/cloud';

/** Name of the StorageClass cdk-fleet adds on EKS for state volumes. */
export const EKS_STORAGE_CLASS = 'gp3';

/**
 * The StorageClass state volumes on `cluster` need besides the cluster's own: on EKS,
 * which has no default class for the EBS CSI driver, an encrypted gp3 class marked
 * default (bound when the pod is scheduled, so the volume lands in the pod's zone).
 * GKE (`standard-rwo`) and AKS (`managed-csi`) have default classes, and a team that
 * declares `provides: [Capability.BLOCK_STORAGE]` brings its own.
 */
export function stateStorageClass(cluster: ICluster): Record<string, any> | undefined {
  if (cluster.cloud !== Cloud.AWS || cluster.provides.includes(Capability.BLOCK_STORAGE)) return undefined;
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: EKS_STORAGE_CLASS,
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      labels: { 'app.kubernetes.io/managed-by': 'cdk-fleet' },
    },
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'true' },
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    reclaimPolicy: 'Delete',
  };
}
