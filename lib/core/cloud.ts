/** The clouds a fleet's clusters can run on. */
export enum Cloud {
  /** Amazon Web Services (EKS). */
  AWS = 'aws',
  /** Google Cloud (GKE). */
  GCP = 'gcp',
  /** Microsoft Azure (AKS). */
  AZURE = 'azure',
}
