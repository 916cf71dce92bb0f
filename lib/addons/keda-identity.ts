import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { PodIdentity } from './eks-pod-identity';
import { AksCluster } from '../clusters/aks/aks-cluster';
import { azurerm } from '../clusters/aks/aks-resources';
import { ClusterStack } from '../clusters/cluster-stack';
import { EksCluster } from '../clusters/eks/eks-cluster';
import { aws } from '../clusters/eks/eks-resources';
import { GkeCluster } from '../clusters/gke/gke-cluster';
import { google } from '../clusters/gke/gke-resources';
import { compareStrings } from '../core/compare';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { AgentService, KedaTrigger } from '../workloads/agent-service';
import { isCloudScaler, KEDA_SCALER_AUTH } from '../workloads/keda-auth';
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
  /** The workload (for warnings about it). */
  readonly scope: WorkloadBase;
  /** Index of the trigger in `eventScaling.triggers`. */
  readonly index: number;
  readonly trigger: KedaTrigger;
}

/** The triggers of `workloads` that need the KEDA operator's cloud identity on `cluster`. */
export function kedaCloudTriggers(cluster: ClusterStack, workloads: WorkloadBase[]): KedaCloudTrigger[] {
  return workloads.filter((w): w is AgentService => w instanceof AgentService).flatMap(w =>
    w._kedaTriggers.map((trigger, index) => ({ workload: w.node.path, scope: w, index, trigger }))
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
 * Gives the KEDA operator's service account a cloud identity that can read what the
 * cluster's triggers name, and returns the chart values that use it.
 */
export function kedaIdentity(scope: Construct, cluster: ClusterStack, triggers: KedaCloudTrigger[]): KedaIdentity {
  const identity = triggers.length === 0 ? undefined
    : cluster instanceof EksCluster ? eksIdentity(scope, cluster, triggers)
      : cluster instanceof GkeCluster ? gkeIdentity(scope, cluster, triggers)
        : cluster instanceof AksCluster ? aksIdentity(scope, cluster, triggers) : undefined;
  if (!identity) return { values: {}, dependables: [] };
  const serviceAccount = { serviceAccount: { operator: { name: KEDA_OPERATOR_SERVICE_ACCOUNT } } };
  return { values: { ...serviceAccount, ...identity.values }, dependables: identity.dependables };
}

const SQS_QUEUE_URL = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;

/** The AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
function awsPartition(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** `arn:aws:sqs:<region>:<account>:<name>` of an SQS queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`), or undefined. */
export function sqsQueueArn(queueUrl: string): string | undefined {
  const m = SQS_QUEUE_URL.exec(queueUrl ?? '');
  if (!m) return undefined;
  const partition = queueUrl.includes('.amazonaws.com.cn/') ? 'aws-cn' : awsPartition(m[1]);
  return `arn:${partition}:sqs:${m[1]}:${m[2]}:${m[3]}`;
}

/** A metadata value a trigger must have for the fleet to scope the operator's permission, or a clear error. */
function required(t: KedaCloudTrigger, key: string, pattern: RegExp, example: string): string {
  const value = t.trigger.metadata?.[key];
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new FleetValidationError(`agentService '${t.workload}': eventScaling.triggers[${t.index}] (${t.trigger.type}) metadata.${key} ` +
      `${value === undefined ? 'is missing' : `'${value}' is not valid`}; KEDA's operator is granted ${KEDA_SCALER_AUTH[t.trigger.type].permission}, ` +
      `so give it as e.g. '${example}'`, t.workload);
  }
  return value;
}

const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** The IAM statement (action and resources) that lets the operator read what one trigger names. */
function awsGrant(t: KedaCloudTrigger, account: string): { action: string; resources: string[] } {
  switch (t.trigger.type) {
    case 'aws-sqs-queue': {
      const url = t.trigger.metadata?.queueURL;
      const arn = sqsQueueArn(url);
      if (!arn) {
        throw new FleetValidationError(`agentService '${t.workload}': eventScaling.triggers[${t.index}].metadata.queueURL ${url === undefined ? 'is missing' : `'${url}' is not an SQS queue URL`}; ` +
          "KEDA's operator is granted sqs:GetQueueAttributes on that queue, so give its URL as 'https://sqs.<region>.amazonaws.com/<account id>/<queue name>'", t.workload);
      }
      return { action: 'sqs:GetQueueAttributes', resources: [arn] };
    }
    case 'aws-cloudwatch':
      // GetMetricData takes no resource ARN (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html).
      return { action: 'cloudwatch:GetMetricData', resources: ['*'] };
    case 'aws-kinesis-stream': {
      const region = required(t, 'awsRegion', AWS_REGION, 'us-east-1');
      const stream = required(t, 'streamName', /^[a-zA-Z0-9_.-]{1,128}$/, 'orders');
      return { action: 'kinesis:DescribeStreamSummary', resources: [`arn:${awsPartition(region)}:kinesis:${region}:${account}:stream/${stream}`] };
    }
    case 'aws-dynamodb': {
      const region = required(t, 'awsRegion', AWS_REGION, 'us-east-1');
      const table = required(t, 'tableName', /^[a-zA-Z0-9_.-]{3,255}$/, 'jobs');
      const arn = `arn:${awsPartition(region)}:dynamodb:${region}:${account}:table/${table}`;
      const index = t.trigger.metadata?.indexName;
      return { action: 'dynamodb:Query', resources: index ? [arn, `${arn}/index/${index}`] : [arn] };
    }
    default:
      throw new FleetValidationError(`agentService '${t.workload}': eventScaling.triggers[${t.index}] (${t.trigger.type}): no grant for this scaler`, t.workload);
  }
}

/**
 * EKS: a Pod Identity association for the operator whose role may do exactly what the triggers'
 * scalers call, on exactly the resources they name (see KEDA_SCALER_AUTH). The
 * TriggerAuthentication's `provider: aws` picks up the operator's own credentials
 * (https://keda.sh/docs/2.21/authentication-providers/aws/, identityOwner defaults to keda).
 * Stream and table ARNs take the account of the stack's credentials (the cluster's account).
 */
function eksIdentity(scope: Construct, eks: EksCluster, triggers: KedaCloudTrigger[]): KedaIdentity {
  const needsAccount = triggers.some(t => t.trigger.type === 'aws-kinesis-stream' || t.trigger.type === 'aws-dynamodb');
  const account = needsAccount ? new aws.DataAwsCallerIdentity(scope, 'keda-account').accountId : '';
  const byAction = new Map<string, Set<string>>();
  for (const t of triggers) {
    const grant = awsGrant(t, account);
    const resources = byAction.get(grant.action) ?? new Set<string>();
    grant.resources.forEach(r => resources.add(r));
    byAction.set(grant.action, resources);
  }
  const statements = [...byAction.keys()].sort(compareStrings).map(action => {
    const resources = [...byAction.get(action)!].sort(compareStrings);
    return { Effect: 'Allow', Action: action, Resource: resources.length === 1 && resources[0] === '*' ? '*' : resources };
  });
  const identity = new PodIdentity(scope, 'keda-operator-identity', {
    clusterName: eks.clusterName,
    roleName: `${eks.clusterName}-keda-operator`.slice(0, 64),
    namespace: 'keda',
    serviceAccount: KEDA_OPERATOR_SERVICE_ACCOUNT,
    statements,
  });
  return { values: {}, dependables: identity.dependables };
}

/**
 * GKE: a Google service account for the operator, impersonated by the operator's Kubernetes
 * service account through Workload Identity; the chart's `podIdentity.gcp` annotates that account
 * with `iam.gke.io/gcp-service-account` (https://keda.sh/docs/2.21/authentication-providers/gcp-workload-identity/).
 * It may read Cloud Monitoring in the cluster's project (gcp-pubsub) and in each gcp-stackdriver
 * trigger's `projectId`, and list the objects of each gcp-storage trigger's bucket.
 */
function gkeIdentity(scope: Construct, gke: GkeCluster, triggers: KedaCloudTrigger[]): KedaIdentity {
  new google.GoogleProvider(scope, 'google', { project: gke.project, region: gke.region });
  const account = new google.ServiceAccount(scope, 'keda-operator-service-account', {
    project: gke.project,
    accountId: `${gke.clusterName.slice(0, 24).replace(/-+$/, '')}-keda`,
    displayName: `KEDA operator of ${gke.clusterName}`,
  });
  const member = `serviceAccount:${account.email}`;
  const projects = new Set<string>();
  const buckets = new Set<string>();
  for (const t of triggers) {
    if (t.trigger.type === 'gcp-pubsub') projects.add(gke.project);
    if (t.trigger.type === 'gcp-stackdriver') projects.add(required(t, 'projectId', /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, gke.project));
    if (t.trigger.type === 'gcp-storage') buckets.add(required(t, 'bucketName', /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/, 'acme-uploads'));
  }
  const sorted = (set: Set<string>) => [...set].sort(compareStrings);
  const grants: ITerraformDependable[] = sorted(projects).map(project => new google.ProjectIamMember(scope,
    project === gke.project ? 'keda-operator-monitoring-viewer' : `keda-operator-monitoring-viewer-${project}`,
    { project, role: 'roles/monitoring.viewer', member }));
  grants.push(...sorted(buckets).map(bucket => new google.StorageBucketIamMember(scope, `keda-operator-bucket-${bucket}`, {
    bucket, role: 'roles/storage.objectViewer', member,
  })));
  const binding = new google.ServiceAccountIamMember(scope, 'keda-operator-workload-identity', {
    serviceAccountId: account.name,
    role: 'roles/iam.workloadIdentityUser',
    member: `serviceAccount:${gke.workloadPool}[keda/${KEDA_OPERATOR_SERVICE_ACCOUNT}]`,
  });
  // The chart annotates the operator's service account with `iam.gke.io/gcp-service-account` from
  // `podIdentity.gcp.gcpIAMServiceAccount` (keda/templates/manager/serviceaccount.yaml).
  return { values: { podIdentity: { gcp: { enabled: true, gcpIAMServiceAccount: account.email } } }, dependables: [...grants, binding] };
}

const AZURE_PREFIX = '^\\/subscriptions\\/[^/]+\\/resourceGroups\\/[^/]+\\/providers\\/';

/** Per Azure scaler: the data-plane role, the resource ids it may be assigned on, and an example id. */
const AZURE_GRANTS: Record<string, { role: string; pattern: RegExp; what: string; example: string }> = {
  'azure-servicebus': {
    role: 'Azure Service Bus Data Owner',
    pattern: new RegExp(`${AZURE_PREFIX}Microsoft\\.ServiceBus\\/namespaces\\/[^/]+(\\/(queues|topics)\\/[^/]+)?$`, 'i'),
    what: 'Service Bus namespace or queue',
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<namespace>',
  },
  'azure-queue': {
    role: 'Storage Queue Data Reader',
    pattern: new RegExp(`${AZURE_PREFIX}Microsoft\\.Storage\\/storageAccounts\\/[^/]+(\\/queueServices\\/default\\/queues\\/[^/]+)?$`, 'i'),
    what: 'storage account or queue',
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>',
  },
  'azure-blob': {
    role: 'Storage Blob Data Reader',
    pattern: new RegExp(`${AZURE_PREFIX}Microsoft\\.Storage\\/storageAccounts\\/[^/]+(\\/blobServices\\/default\\/containers\\/[^/]+)?$`, 'i'),
    what: 'storage account or blob container',
    example: '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>',
  },
};

/** The data-plane role the operator needs on the trigger's `cloudResourceId` (see KEDA_SCALER_AUTH). */
function azureRole(t: KedaCloudTrigger): string {
  const id = t.trigger.cloudResourceId;
  const grant = AZURE_GRANTS[t.trigger.type];
  if (!id || !grant.pattern.test(id)) {
    throw new FleetValidationError(`agentService '${t.workload}': eventScaling.triggers[${t.index}] (${t.trigger.type}) on AKS ` +
      `${id ? `has cloudResourceId '${id}', which is not` : 'needs cloudResourceId,'} the resource id of its ${grant.what} ` +
      `(e.g. '${grant.example}'): KEDA's operator identity is given read access there`, t.workload, ErrorCode.PROPS);
  }
  return grant.role;
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
