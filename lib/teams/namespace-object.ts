import { ICluster } from '../clusters/cluster';
import { podSecurityAdmissionLabels } from '../policy/pod-security/admission-labels';
import { LATEST_POD_SECURITY_VERSION, PodSecurityLevel } from '../policy/pod-security/levels';

/**
 * The Pod Security policy version a cluster's namespaces pin: the cluster's own
 * Kubernetes minor (`v1.34`), so an upgrade does not change what is enforced until the
 * labels are moved on; the newest modelled version when the cluster's is not `1.NN`.
 */
export function podSecurityVersionOf(cluster: ICluster): string {
  return cluster.kubernetesVersion.isWellFormed ? `v${cluster.kubernetesVersion.version}` : LATEST_POD_SECURITY_VERSION;
}

/** A Namespace object whose labels make Pod Security Admission enforce, warn and audit `level` at `version`. */
export function namespaceObject(name: string, labels: Record<string, string>, level: PodSecurityLevel, version: string): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { ...labels, ...podSecurityAdmissionLabels(level, version) } },
  };
}
