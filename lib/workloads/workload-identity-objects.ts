import type { WorkloadBase } from './workload-base';
import { googleServiceAccountEmail, workloadIdentityNames } from './workload-identity-names';
import { ICluster } from '../clusters/cluster';
import { GkeCluster } from '../clusters/gke/gke-cluster';
import { Cloud } from '../core/cloud';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';

/** The pod label Microsoft Entra Workload ID's webhook mutates pods by. */
export const AZURE_WORKLOAD_IDENTITY_LABEL = 'azure.workload.identity/use';
/** The service account annotation that links a Kubernetes service account to a Google service account. */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';

/**
 * Egress the pods need to reach the node-local credential endpoint of the cluster's workload
 * identity, through the workload's default-deny NetworkPolicy:
 * - EKS: the Pod Identity agent listens on 169.254.170.23:80 (hostNetwork DaemonSet;
 *   https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html).
 * - GKE: with network policies Google asks to allow the GKE metadata server, 169.254.169.254:80
 *   with GKE Dataplane V2 and 169.254.169.252:988 otherwise
 *   (https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity, "Limitations").
 * - AKS: nothing node-local: the pods exchange their projected token with Microsoft Entra ID
 *   (login.microsoftonline.com, 443) themselves; like the cloud APIs the pods call afterwards on
 *   every cloud, that destination is public and must be allowed with `allowTo`.
 */
const CREDENTIAL_EGRESS: Record<Cloud, Array<Record<string, any>>> = {
  [Cloud.AWS]: [{ to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ port: 80, protocol: 'TCP' }] }],
  [Cloud.GCP]: [
    { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: 80, protocol: 'TCP' }] },
    { to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: 988, protocol: 'TCP' }] },
  ],
  [Cloud.AZURE]: [],
};

/** Whether `w` has an identity block for the cloud of `cluster`. */
export function hasIdentityOn(w: WorkloadBase, cluster: ICluster): boolean {
  const identity = w.commonProps.identity;
  switch (cluster.cloud) {
    case Cloud.AWS: return identity?.aws !== undefined;
    case Cloud.GCP: return identity?.gcp !== undefined;
    case Cloud.AZURE: return identity?.azure !== undefined;
    default: return false;
  }
}

/**
 * The workload's rendered objects on `cluster` with what its cloud identity needs on the
 * Kubernetes side (the Terraform side is in addons/workload-identity-resources.ts):
 * - EKS Pod Identity: nothing on the objects (the association names the namespace and service
 *   account), egress to the agent.
 * - GKE, direct grants: nothing on the objects (the roles are granted to the service account's
 *   federated principal); with impersonation, the service account's `iam.gke.io/gcp-service-account`
 *   annotation. Egress to the GKE metadata server.
 * - AKS: the pod label `azure.workload.identity/use: "true"`, which the webhook requires.
 *
 * `automountServiceAccountToken: false` stays on every cloud: none of the three uses the
 * automounted API token. EKS Pod Identity's webhook adds its own projected token volume
 * (`eks-pod-identity-token`, audience `pods.eks.amazonaws.com`;
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html), Entra Workload ID's
 * webhook projects `azure-identity-token` (https://azure.github.io/azure-workload-identity/docs/installation/mutating-admission-webhook.html),
 * and on GKE the pods ask the node's GKE metadata server (169.254.169.254) for access tokens over
 * HTTP; it identifies the pod and obtains its service account's credentials itself, so nothing is
 * read from the pod's filesystem (https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity).
 * Google's docs do not list the token mount among the limitations, and Google's own Terraform module
 * (terraform-google-modules/kubernetes-engine, modules/workload-identity) defaulted
 * `automount_service_account_token` to false; reports of the contrary
 * (GoogleCloudPlatform/prometheus-engine#180, argoproj/argo-workflows#12781) concern components
 * that also call the Kubernetes API, which does need the token.
 * The objects are copied where changed: the rendered objects share their `metadata` and labels.
 */
export function withWorkloadIdentity(w: WorkloadBase, cluster: ICluster, objects: Array<Record<string, any>>): Array<Record<string, any>> {
  if (!hasIdentityOn(w, cluster)) return objects;
  const names = workloadIdentityNames(w, cluster);
  const annotations: Record<string, string> = {};
  if (cluster.cloud === Cloud.GCP && w.commonProps.identity?.gcp?.impersonateServiceAccount) {
    if (!(cluster instanceof GkeCluster)) {
      throw new FleetValidationError(`workload '${w.node.path}': identity.gcp.impersonateServiceAccount needs the project of cluster '${cluster.node.path}', which is not a GkeCluster of this fleet`, w.node.path);
    }
    annotations[GKE_SERVICE_ACCOUNT_ANNOTATION] = googleServiceAccountEmail(names.googleServiceAccountId, cluster.project);
  }
  const podLabels: Record<string, string> = cluster.cloud === Cloud.AZURE ? { [AZURE_WORKLOAD_IDENTITY_LABEL]: 'true' } : {};
  let serviceAccounts = 0;
  const result = objects.map(obj => {
    if (obj.kind === 'ServiceAccount' && obj.metadata?.name === names.serviceAccount && obj.metadata?.namespace === w.namespace) {
      serviceAccounts++;
      if (Object.keys(annotations).length === 0) return obj;
      return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), ...annotations } } };
    }
    if (obj.kind === 'NetworkPolicy' && obj.metadata?.name === w.workloadName && CREDENTIAL_EGRESS[cluster.cloud].length > 0) {
      return { ...obj, spec: { ...obj.spec, egress: [...(obj.spec.egress ?? []), ...CREDENTIAL_EGRESS[cluster.cloud]] } };
    }
    return withPodTemplate(obj, template => {
      const account = template.spec?.serviceAccountName;
      if (account !== names.serviceAccount) {
        throw new FleetValidationError(`workload '${w.node.path}': its ${obj.kind} runs as service account ${account === undefined ? '(none)' : `'${account}'`}, ` +
          `but its identity on cluster '${cluster.node.path}' is bound to '${names.serviceAccount}'; run the pods as the workload's own service account`, w.node.path, ErrorCode.CONFLICT);
      }
      if (Object.keys(podLabels).length === 0) return template;
      return { ...template, metadata: { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), ...podLabels } } };
    });
  });
  if (serviceAccounts !== 1) {
    throw new FleetValidationError(`workload '${w.node.path}': its identity on cluster '${cluster.node.path}' is bound to service account ` +
      `'${w.namespace}/${names.serviceAccount}', which its objects do not declare once (found ${serviceAccounts})`, w.node.path, ErrorCode.CONFLICT);
  }
  return result;
}

/** `obj` with its pod template (Deployment, StatefulSet, DaemonSet, Job: `spec.template`; CronJob: `spec.jobTemplate.spec.template`) replaced. */
function withPodTemplate(obj: Record<string, any>, change: (template: Record<string, any>) => Record<string, any>): Record<string, any> {
  if (obj.kind === 'CronJob' && obj.spec?.jobTemplate?.spec?.template) {
    const jobSpec = obj.spec.jobTemplate.spec;
    return { ...obj, spec: { ...obj.spec, jobTemplate: { ...obj.spec.jobTemplate, spec: { ...jobSpec, template: change(jobSpec.template) } } } };
  }
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'].includes(obj.kind) && obj.spec?.template) {
    return { ...obj, spec: { ...obj.spec, template: change(obj.spec.template) } };
  }
  return obj;
}
