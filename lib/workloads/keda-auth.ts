import { Cloud } from '../core/cloud';

/** How a KEDA scaler that reads a cloud service authenticates as the KEDA operator. */
export interface KedaScalerAuth {
  /** The cloud whose service the scaler reads (its pod-identity provider works only on that cloud's clusters). */
  readonly cloud: Cloud;
  /** What the operator's cloud identity must be allowed, in words (for errors and warnings). */
  readonly permission: string;
  /**
   * Why the fleet cannot grant the permission itself, when it cannot (the trigger then needs
   * KEDA run by the team, `provides: [Capability.KEDA]`).
   */
  readonly unprovisionable?: string;
}

/**
 * KEDA's pod-identity provider on each cloud. The identity owner is the KEDA operator (the
 * default owner), whose service account the add-ons stack gives a cloud identity:
 * - AWS: `podIdentity.provider: aws` (EKS Pod Identity / IRSA), https://keda.sh/docs/2.21/authentication-providers/aws/
 * - Azure: `azure-workload` (Microsoft Entra Workload ID), https://keda.sh/docs/2.21/authentication-providers/azure-ad-workload-identity/
 * - Google Cloud: `gcp` (GKE Workload Identity), https://keda.sh/docs/2.21/authentication-providers/gcp-workload-identity/
 */
export const KEDA_POD_IDENTITY_PROVIDER: Record<Cloud, string> = {
  [Cloud.AWS]: 'aws',
  [Cloud.GCP]: 'gcp',
  [Cloud.AZURE]: 'azure-workload',
};

/**
 * The scalers of cloud services that authenticate through the operator's pod identity, with
 * the least permission each needs (from each scaler's page, https://keda.sh/docs/2.21/scalers/):
 * - aws-sqs-queue calls GetQueueAttributes (scalers/aws-sqs/);
 * - aws-cloudwatch calls GetMetricData, which has no resource-level permissions (scalers/aws-cloudwatch/);
 * - aws-kinesis-stream calls DescribeStreamSummary for the open shard count (scalers/aws-kinesis/);
 * - aws-dynamodb runs a Query on the table or its index (scalers/aws-dynamodb/);
 * - gcp-pubsub and gcp-stackdriver read Cloud Monitoring time series (scalers/gcp-pub-sub/, scalers/gcp-stackdriver/);
 * - gcp-storage lists the bucket's objects (scalers/gcp-storage/);
 * - azure-queue and azure-blob read the queue or container; azure-servicebus reads runtime properties,
 *   which need the Manage claim that only "Azure Service Bus Data Owner" carries (kedacore/keda#806);
 * - azure-eventhub reads the hub's partitions and its checkpoints in a second resource, a blob
 *   container (`storageAccountName`, scalers/azure-event-hub/), which one cloudResourceId cannot name.
 */
export const KEDA_SCALER_AUTH: Record<string, KedaScalerAuth> = {
  'aws-sqs-queue': { cloud: Cloud.AWS, permission: 'sqs:GetQueueAttributes on the queue' },
  'aws-cloudwatch': { cloud: Cloud.AWS, permission: 'cloudwatch:GetMetricData (resource "*": the action has no resource-level permissions)' },
  'aws-kinesis-stream': { cloud: Cloud.AWS, permission: 'kinesis:DescribeStreamSummary on the stream' },
  'aws-dynamodb': { cloud: Cloud.AWS, permission: 'dynamodb:Query on the table (and its index, with indexName)' },
  'gcp-pubsub': { cloud: Cloud.GCP, permission: 'roles/monitoring.viewer in the project of the subscription or topic' },
  'gcp-stackdriver': { cloud: Cloud.GCP, permission: 'roles/monitoring.viewer in metadata.projectId' },
  'gcp-storage': { cloud: Cloud.GCP, permission: 'roles/storage.objectViewer on the bucket' },
  'azure-queue': { cloud: Cloud.AZURE, permission: '"Storage Queue Data Reader" on the storage account or queue' },
  'azure-blob': { cloud: Cloud.AZURE, permission: '"Storage Blob Data Reader" on the storage account or container' },
  'azure-servicebus': { cloud: Cloud.AZURE, permission: '"Azure Service Bus Data Owner" on the namespace or queue' },
  'azure-eventhub': {
    cloud: Cloud.AZURE,
    permission: '"Azure Event Hubs Data Receiver" on the Event Hub and "Storage Blob Data Reader" on its checkpoint storage account',
    unprovisionable: 'it reads two resources (the Event Hub and the blob container of its checkpoints), which one cloudResourceId cannot name',
  },
};

/** Whether a trigger of `type` reads a service of `cloud` and so needs the KEDA operator's cloud identity there. */
export function isCloudScaler(cloud: Cloud, type: string): boolean {
  return KEDA_SCALER_AUTH[type]?.cloud === cloud;
}

/** The `spec` of the TriggerAuthentication that lends the KEDA operator's identity on `cloud` to a ScaledObject's triggers. */
export function triggerAuthenticationSpec(cloud: Cloud): Record<string, any> {
  return { podIdentity: { provider: KEDA_POD_IDENTITY_PROVIDER[cloud] } };
}
