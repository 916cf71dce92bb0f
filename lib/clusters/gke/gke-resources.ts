// Provider resource classes, loaded on first use: a program pays for a cloud's
// resources only when it builds a cluster on that cloud (deep imports only).
/* eslint-disable @typescript-eslint/no-require-imports */

export const google = {
  get DataGoogleContainerCluster(): typeof import('@cdktf/provider-google/lib/data-google-container-cluster').DataGoogleContainerCluster { return require('@cdktf/provider-google/lib/data-google-container-cluster').DataGoogleContainerCluster; },
  get ComputeNetwork(): typeof import('@cdktf/provider-google/lib/compute-network').ComputeNetwork { return require('@cdktf/provider-google/lib/compute-network').ComputeNetwork; },
  get ComputeRouter(): typeof import('@cdktf/provider-google/lib/compute-router').ComputeRouter { return require('@cdktf/provider-google/lib/compute-router').ComputeRouter; },
  get ComputeRouterNat(): typeof import('@cdktf/provider-google/lib/compute-router-nat').ComputeRouterNat { return require('@cdktf/provider-google/lib/compute-router-nat').ComputeRouterNat; },
  get ComputeSubnetwork(): typeof import('@cdktf/provider-google/lib/compute-subnetwork').ComputeSubnetwork { return require('@cdktf/provider-google/lib/compute-subnetwork').ComputeSubnetwork; },
  get ContainerCluster(): typeof import('@cdktf/provider-google/lib/container-cluster').ContainerCluster { return require('@cdktf/provider-google/lib/container-cluster').ContainerCluster; },
  get ContainerNodePool(): typeof import('@cdktf/provider-google/lib/container-node-pool').ContainerNodePool { return require('@cdktf/provider-google/lib/container-node-pool').ContainerNodePool; },
  get DataGoogleProject(): typeof import('@cdktf/provider-google/lib/data-google-project').DataGoogleProject { return require('@cdktf/provider-google/lib/data-google-project').DataGoogleProject; },
  get GoogleProvider(): typeof import('@cdktf/provider-google/lib/provider').GoogleProvider { return require('@cdktf/provider-google/lib/provider').GoogleProvider; },
  get KmsCryptoKey(): typeof import('@cdktf/provider-google/lib/kms-crypto-key').KmsCryptoKey { return require('@cdktf/provider-google/lib/kms-crypto-key').KmsCryptoKey; },
  get KmsCryptoKeyIamMember(): typeof import('@cdktf/provider-google/lib/kms-crypto-key-iam-member').KmsCryptoKeyIamMember { return require('@cdktf/provider-google/lib/kms-crypto-key-iam-member').KmsCryptoKeyIamMember; },
  get KmsKeyRing(): typeof import('@cdktf/provider-google/lib/kms-key-ring').KmsKeyRing { return require('@cdktf/provider-google/lib/kms-key-ring').KmsKeyRing; },
  get ProjectIamMember(): typeof import('@cdktf/provider-google/lib/project-iam-member').ProjectIamMember { return require('@cdktf/provider-google/lib/project-iam-member').ProjectIamMember; },
  get StorageBucketIamMember(): typeof import('@cdktf/provider-google/lib/storage-bucket-iam-member').StorageBucketIamMember { return require('@cdktf/provider-google/lib/storage-bucket-iam-member').StorageBucketIamMember; },
  get ServiceAccount(): typeof import('@cdktf/provider-google/lib/service-account').ServiceAccount { return require('@cdktf/provider-google/lib/service-account').ServiceAccount; },
  get ServiceAccountIamMember(): typeof import('@cdktf/provider-google/lib/service-account-iam-member').ServiceAccountIamMember { return require('@cdktf/provider-google/lib/service-account-iam-member').ServiceAccountIamMember; },
};
