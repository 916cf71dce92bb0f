import { Cloud } from '../core/cloud';

/**
 * KEDA's pod-identity provider on each cloud and the scalers of that cloud's services that
 * authenticate through it. The identity owner is the KEDA operator (the default owner), whose
 * service account the add-ons stack gives a cloud identity:
 * - AWS: `podIdentity.provider: aws` (EKS Pod Identity / IRSA), https://keda.sh/docs/2.21/authentication-providers/aws/
 * - Azure: `azure-workload` (Microsoft Entra Workload ID), https://keda.sh/docs/2.21/authentication-providers/azure-ad-workload-identity/
 * - Google Cloud: `gcp` (GKE Workload Identity), https://keda.sh/docs/2.21/authentication-providers/gcp-workload-identity/
 */
export const KEDA_CLOUD_AUTH: Record<Cloud, { readonly provider: string; readonly scalers: readonly string[] }> = {
  [Cloud.AWS]: { provider: 'aws', scalers: ['aws-sqs-queue'] },
  [Cloud.GCP]: { provider: 'gcp', scalers: ['gcp-pubsub'] },
  [Cloud.AZURE]: { provider: 'azure-workload', scalers: ['azure-queue', 'azure-servicebus'] },
};

/** Whether a trigger of `type` reads a service of `cloud` and so needs the KEDA operator's cloud identity there. */
export function isCloudScaler(cloud: Cloud, type: string): boolean {
  return KEDA_CLOUD_AUTH[cloud]?.scalers.includes(type) ?? false;
}

/** The `spec` of the TriggerAuthentication that lends the KEDA operator's identity on `cloud` to a ScaledObject's triggers. */
export function triggerAuthenticationSpec(cloud: Cloud): Record<string, any> {
  return { podIdentity: { provider: KEDA_CLOUD_AUTH[cloud].provider } };
}
