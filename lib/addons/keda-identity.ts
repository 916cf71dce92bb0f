import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { PodIdentity } from './eks-pod-identity';
import { AksCluster } from '../clusters/aks/aks-cluster';
import { azurerm } from '../clusters/aks/aks-resources';
import { ClusterStack } from '../clusters/cluster-stack';
import { EksCluster } from '../clusters/eks/eks-cluster';
import { GkeCluster } from '../clusters/gke/gke-cluster';
import { google } from '../clusters/gke/gke-resources';
import { compareStrings } from '../core/compare';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { AgentService, KedaTrigger } from '../workloads/agent-service';
import { isCloudScaler } from '../workloads/keda-auth';
import type { WorkloadBase } from '../workloads/workload-base';

/**
 * The KEDA chart's operator service account (`serviceAccount.operator.name`, default
 * `keda-operator` in chart 2.21), which every TriggerAuthentication with the operator as identity
 * owner uses; the chart values below pin it, so the identity's binding cannot drift from it.
 */
export const KEDA_OPERATOR_SERVICE_ACCOUNT = 'keda-operator';

/** A trigger of a workload on the cluster that reads a service of the cluster's cloud. */
export interface KedaCloudTrigger {
  /** Construct path of the workload. */
  readonly workload: string;
  /** Index of the trigger in `eventScaling.triggers`. */
  readonly index: number;
  readonly trigger: KedaTrigger;
}

/** The triggers of `workloads` that need the KEDA operator's cloud identity on `cluster`. */
export function kedaCloudTriggers(cluster: ClusterStack, workloads: WorkloadBase[]): KedaCloudTrigger[] {
  return workloads.filter((w): w is AgentService => w instanceof AgentService).flatMap(w =>
    w._kedaTriggers.map((trigger, index) => ({ workload: w.node.path, index, trigger }))
      .filter(t => isCloudScaler(cluster.cloud, t.trigger.type)));
}

/** What the add-ons stack gets from the KEDA operator's identity. */
export interface KedaIdentity {
  /** Chart values that bind the operator's service account to the identity. */
  readonly values: Record<string, any>;
  /** What the KEDA release must wait for. */
  readonly dependables: ITerraformDependable[];
}

/**
 * Gives the KEDA operator's service account a cloud identity that can read the queues the
 * cluster's triggers name, and returns the chart values that use it.
 */
export function kedaIdentity(scope: Construct, cluster: ClusterStack, triggers: KedaCloudTrigger[]): KedaIdentity {
  const identity = triggers.length === 0 ? undefined
    : cluster instanceof EksCluster ? eksIdentity(scope, cluster, triggers)
      : cluster instanceof GkeCluster ? gkeIdentity(scope, cluster)
        : cluster instanceof AksCluster ? aksIdentity(scope, cluster, triggers) : undefined;
  if (!identity) return { values: {}, dependables: [] };
  const serviceAccount = { serviceAccount: { operator: { name: KEDA_OPERATOR_SERVICE_ACCOUNT } } };
  return { values: { ...serviceAccount, ...identity.values }, dependables: identity.dependables };
}

const SQS_QUEUE_URL = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;

/** `arn:aws:sqs:<region>:<account>:<name>` of an SQS queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`), or undefined. */
export function sqsQueueArn(queueUrl: string): string | undefined {
  const m = SQS_QUEUE_URL.exec(queueUrl ?? '');
  if (!m) return undefined;
  const partition = queueUrl.includes('.amazonaws.com.cn/') ? 'aws-cn' : m[1].startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:sqs:${m[1]}:${m[2]}:${m[3]}`;
}

/**
 * EKS: a Pod Identity association for the operator with `sqs:GetQueueAttributes` on exactly
 * the queues of the triggers (what the aws-sqs-queue scaler calls; https://keda.sh/docs/2.21/scalers/aws-sqs/).
 * The TriggerAuthentication's `provider: aws` picks up the operator's own credentials
 * (https://keda.sh/docs/2.21/authentication-providers/aws/, identityOwner defaults to keda).
 */
function eksIdentity(scope: Construct, eks: EksCluster, triggers: KedaCloudTrigger[]): KedaIdentity {
  const arns = triggers.map(t => {
    const url = t.trigger.metadata?.queueURL;
    const arn = sqsQueueArn(url);
    if (!arn) {
      throw new FleetValidationError(`agentService '${t.workload}': eventScaling.triggers[${t.index}].metadata.queueURL ${url === undefined ? 'is missing' : `'${url}' is not an SQS queue URL`}; ` +
        "KEDA's operator is granted sqs:GetQueueAttributes on that queue, so give its URL as 'https://sqs.<region>.amazonaws.com/<account id>/<queue name>'", t.workload, ErrorCode.PROPS);
    }
    return arn;
  });
  const identity = new PodIdentity(scope, 'keda-operator-identity', {
    clusterName: eks.clusterName,
    roleName: `${eks.clusterName}-keda-operator`.slice(0, 64),
    namespace: 'keda',
    serviceAccount: KEDA_OPERATOR_SERVICE_ACCOUNT,
    statements: [{ Effect: 'Allow', Action: 'sqs:GetQueueAttributes', Resource: [...new Set(arns)].sort(compareStrings) }],
  });
  return { values: {}, dependables: identity.dependables };
}

/**
 * GKE: a Google service account for the operator that may read Cloud Monitoring (where the
 * gcp-pubsub scaler reads subscription metrics; https://keda.sh/docs/2.21/scalers/gcp-pub-sub/),
 * impersonated by the operator's Kubernetes service account through Workload Identity; the chart's
 * `podIdentity.gcp` annotates that account with `iam.gke.io/gcp-service-account`
 * (https://keda.sh/docs/2.21/authentication-providers/gcp-workload-identity/).
 */
function gkeIdentity(scope: Construct, gke: GkeCluster): KedaIdentity {
  new google.GoogleProvider(scope, 'google', { project: gke.project, region: gke.region });
  const account = new google.ServiceAccount(scope, 'keda-operator-service-account', {
    project: gke.project,
    accountId: `${gke.clusterName.slice(0, 24).replace(/-+$/, '')}-keda`,
    displayName: `KEDA operator of ${gke.clusterName}`,
  });
  const viewer = new google.ProjectIamMember(scope, 'keda-operator-monitoring-viewer', {
    project: gke.project, role: 'roles/monitoring.viewer', member: `serviceAccount:${account.email}`,
  });
  const binding = new google.ServiceAccountIamMember(scope, 'keda-operator-workload-identity', {
    serviceAccountId: account.name,
    role: 'roles/iam.workloadIdentityUser',
    member: `serviceAccount:${gke.workloadPool}[keda/${KEDA_OPERATOR_SERVICE_ACCOUNT}]`,
  });
  // The chart annotates the operator's service account with `iam.gke.io/gcp-service-account` from
  // `podIdentity.gcp.gcpIAMServiceAccount` (keda/templates/manager/serviceaccount.yaml).
  return { values: { podIdentity: { gcp: { enabled: true, gcpIAMServiceAccount: account.email } } }, dependables: [viewer, binding] };
}

/**
 * The data-plane role the operator needs on an Azure resource: Service Bus's runtime
 * properties need the Manage claim, which only "Azure Service Bus Data Owner" grants
 * (https://github.com/kedacore/keda/issues/806); storage queues need only read access.
 */
function azureRole(t: KedaCloudTrigger): string {
  const id = t.trigger.cloudResourceId;
  const serviceBus = t.trigger.type === 'azure-servicebus';
  const pattern = serviceBus
    ? /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ServiceBus\/namespaces\/[^/]+(\/(queues|topics)\/[^/]+)?$/i
    : /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[^/]+(\/queueServices\/default\/queues\/[^/]+)?$/i;
  if (!id || !pattern.test(id)) {
    const example = serviceBus
      ? '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<namespace>'
      : '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>';
    throw new FleetValidationError(`agentService '${t.workload}': eventScaling.triggers[${t.index}] (${t.trigger.type}) on AKS ` +
      `${id ? `has cloudResourceId '${id}', which is not` : 'needs cloudResourceId,'} the resource id of its ${serviceBus ? 'Service Bus namespace or queue' : 'storage account or queue'} ` +
      `(e.g. '${example}'): KEDA's operator identity is given read access there`, t.workload, ErrorCode.PROPS);
  }
  return serviceBus ? 'Azure Service Bus Data Owner' : 'Storage Queue Data Reader';
}

/**
 * AKS: a user-assigned identity for the operator, federated with its service account on the
 * cluster's OIDC issuer, a data-plane role on each trigger's `cloudResourceId`, and the chart's
 * `podIdentity.azureWorkload` values (https://keda.sh/docs/2.21/authentication-providers/azure-ad-workload-identity/).
 */
function aksIdentity(scope: Construct, aks: AksCluster, triggers: KedaCloudTrigger[]): KedaIdentity {
  const roles = new Map<string, string>();
  for (const t of triggers) roles.set(`${azureRole(t)}|${t.trigger.cloudResourceId}`, t.trigger.cloudResourceId!);
  new azurerm.AzurermProvider(scope, 'azurerm', { features: [{}], subscriptionId: aks.subscriptionId });
  const identity = new azurerm.UserAssignedIdentity(scope, 'keda-operator-identity', {
    name: `${aks.clusterName}-keda-operator`,
    resourceGroupName: aks.resourceGroupName,
    location: aks.location,
  });
  const credential = new azurerm.FederatedIdentityCredential(scope, 'keda-operator-federation', {
    name: 'keda-operator',
    resourceGroupName: aks.resourceGroupName,
    parentId: identity.id,
    audience: ['api://AzureADTokenExchange'],
    issuer: aks.oidcIssuerUrl,
    subject: `system:serviceaccount:keda:${KEDA_OPERATOR_SERVICE_ACCOUNT}`,
  });
  const assignments = [...roles.keys()].sort(compareStrings).map((key, i) => new azurerm.RoleAssignment(scope, `keda-operator-role-${i}`, {
    scope: roles.get(key)!,
    roleDefinitionName: key.split('|')[0],
    principalId: identity.principalId,
    principalType: 'ServicePrincipal',
  }));
  // With `podIdentity.azureWorkload.enabled` the chart labels the operator's service account
  // `azure.workload.identity/use: "true"` and annotates it with the client and tenant ids.
  return {
    values: { podIdentity: { azureWorkload: { enabled: true, clientId: identity.clientId, tenantId: identity.tenantId } } },
    dependables: [credential, ...assignments],
  };
}
