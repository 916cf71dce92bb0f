// Provider resource classes, loaded on first use: a program pays for a cloud's
// resources only when it builds a cluster on that cloud (deep imports only).
/* eslint-disable @typescript-eslint/no-require-imports */

export const aws = {
  get DataAwsEksCluster(): typeof import('@cdktf/provider-aws/lib/data-aws-eks-cluster').DataAwsEksCluster { return require('@cdktf/provider-aws/lib/data-aws-eks-cluster').DataAwsEksCluster; },
  get AwsEksCluster(): typeof import('@cdktf/provider-aws/lib/eks-cluster').EksCluster { return require('@cdktf/provider-aws/lib/eks-cluster').EksCluster; },
  get AwsProvider(): typeof import('@cdktf/provider-aws/lib/provider').AwsProvider { return require('@cdktf/provider-aws/lib/provider').AwsProvider; },
  get CloudwatchLogGroup(): typeof import('@cdktf/provider-aws/lib/cloudwatch-log-group').CloudwatchLogGroup { return require('@cdktf/provider-aws/lib/cloudwatch-log-group').CloudwatchLogGroup; },
  get DataAwsCallerIdentity(): typeof import('@cdktf/provider-aws/lib/data-aws-caller-identity').DataAwsCallerIdentity { return require('@cdktf/provider-aws/lib/data-aws-caller-identity').DataAwsCallerIdentity; },
  get DataAwsAvailabilityZones(): typeof import('@cdktf/provider-aws/lib/data-aws-availability-zones').DataAwsAvailabilityZones { return require('@cdktf/provider-aws/lib/data-aws-availability-zones').DataAwsAvailabilityZones; },
  get Eip(): typeof import('@cdktf/provider-aws/lib/eip').Eip { return require('@cdktf/provider-aws/lib/eip').Eip; },
  get EksAccessEntry(): typeof import('@cdktf/provider-aws/lib/eks-access-entry').EksAccessEntry { return require('@cdktf/provider-aws/lib/eks-access-entry').EksAccessEntry; },
  get EksAccessPolicyAssociation(): typeof import('@cdktf/provider-aws/lib/eks-access-policy-association').EksAccessPolicyAssociation { return require('@cdktf/provider-aws/lib/eks-access-policy-association').EksAccessPolicyAssociation; },
  get EksAddon(): typeof import('@cdktf/provider-aws/lib/eks-addon').EksAddon { return require('@cdktf/provider-aws/lib/eks-addon').EksAddon; },
  get EksPodIdentityAssociation(): typeof import('@cdktf/provider-aws/lib/eks-pod-identity-association').EksPodIdentityAssociation { return require('@cdktf/provider-aws/lib/eks-pod-identity-association').EksPodIdentityAssociation; },
  get EksNodeGroup(): typeof import('@cdktf/provider-aws/lib/eks-node-group').EksNodeGroup { return require('@cdktf/provider-aws/lib/eks-node-group').EksNodeGroup; },
  get IamOpenidConnectProvider(): typeof import('@cdktf/provider-aws/lib/iam-openid-connect-provider').IamOpenidConnectProvider { return require('@cdktf/provider-aws/lib/iam-openid-connect-provider').IamOpenidConnectProvider; },
  get IamRole(): typeof import('@cdktf/provider-aws/lib/iam-role').IamRole { return require('@cdktf/provider-aws/lib/iam-role').IamRole; },
  get IamRolePolicy(): typeof import('@cdktf/provider-aws/lib/iam-role-policy').IamRolePolicy { return require('@cdktf/provider-aws/lib/iam-role-policy').IamRolePolicy; },
  get IamRolePolicyAttachment(): typeof import('@cdktf/provider-aws/lib/iam-role-policy-attachment').IamRolePolicyAttachment { return require('@cdktf/provider-aws/lib/iam-role-policy-attachment').IamRolePolicyAttachment; },
  get InternetGateway(): typeof import('@cdktf/provider-aws/lib/internet-gateway').InternetGateway { return require('@cdktf/provider-aws/lib/internet-gateway').InternetGateway; },
  get KmsAlias(): typeof import('@cdktf/provider-aws/lib/kms-alias').KmsAlias { return require('@cdktf/provider-aws/lib/kms-alias').KmsAlias; },
  get KmsKey(): typeof import('@cdktf/provider-aws/lib/kms-key').KmsKey { return require('@cdktf/provider-aws/lib/kms-key').KmsKey; },
  get LaunchTemplate(): typeof import('@cdktf/provider-aws/lib/launch-template').LaunchTemplate { return require('@cdktf/provider-aws/lib/launch-template').LaunchTemplate; },
  get NatGateway(): typeof import('@cdktf/provider-aws/lib/nat-gateway').NatGateway { return require('@cdktf/provider-aws/lib/nat-gateway').NatGateway; },
  get Route(): typeof import('@cdktf/provider-aws/lib/route').Route { return require('@cdktf/provider-aws/lib/route').Route; },
  get RouteTable(): typeof import('@cdktf/provider-aws/lib/route-table').RouteTable { return require('@cdktf/provider-aws/lib/route-table').RouteTable; },
  get RouteTableAssociation(): typeof import('@cdktf/provider-aws/lib/route-table-association').RouteTableAssociation { return require('@cdktf/provider-aws/lib/route-table-association').RouteTableAssociation; },
  get Subnet(): typeof import('@cdktf/provider-aws/lib/subnet').Subnet { return require('@cdktf/provider-aws/lib/subnet').Subnet; },
  get Vpc(): typeof import('@cdktf/provider-aws/lib/vpc').Vpc { return require('@cdktf/provider-aws/lib/vpc').Vpc; },
};
