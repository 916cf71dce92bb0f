import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { aws } from '../clusters/eks/eks-resources';
import { POD_IDENTITY_TRUST_POLICY } from '../clusters/eks/pod-identity-trust';

/** A Kubernetes service account that gets an IAM role through EKS Pod Identity. */
export interface PodIdentityProps {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** IAM role name. */
  readonly roleName: string;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Service account name. */
  readonly serviceAccount: string;
  /** Inline policy statements of the role. */
  readonly statements?: Array<Record<string, unknown>>;
  /** A whole inline policy document (JSON), instead of `statements`. */
  readonly policyJson?: string;
  /** ARNs of managed policies attached to the role. */
  readonly managedPolicyArns?: string[];
}

/**
 * An IAM role trusted by the EKS Pod Identity agent (`pods.eks.amazonaws.com`), an
 * inline least-privilege policy, and the association to one service account.
 */
export class PodIdentity extends Construct {
  /** What a Helm release using the service account must wait for. */
  public readonly dependables: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PodIdentityProps) {
    super(scope, id);
    const role = new aws.IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: POD_IDENTITY_TRUST_POLICY,
    });
    const document = props.policyJson ?? (props.statements ? JSON.stringify({ Version: '2012-10-17', Statement: props.statements }) : undefined);
    const policy = document === undefined ? [] : [new aws.IamRolePolicy(this, 'policy', { name: props.roleName, role: role.name, policy: document })];
    const attachments = (props.managedPolicyArns ?? []).map((policyArn, i) =>
      new aws.IamRolePolicyAttachment(this, `managed-policy-${i}`, { role: role.name, policyArn }));
    const association = new aws.EksPodIdentityAssociation(this, 'association', {
      clusterName: props.clusterName,
      namespace: props.namespace,
      serviceAccount: props.serviceAccount,
      roleArn: role.arn,
    });
    this.dependables = [...policy, ...attachments, association];
  }
}

/** What the cluster-autoscaler needs: read Auto Scaling groups and node groups, resize only this cluster's. */
export function clusterAutoscalerStatements(clusterName: string): Array<Record<string, unknown>> {
  return [
    {
      Effect: 'Allow',
      Action: [
        'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeLaunchConfigurations',
        'autoscaling:DescribeScalingActivities', 'autoscaling:DescribeTags', 'ec2:DescribeImages', 'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplateVersions', 'ec2:GetInstanceTypesFromInstanceRequirements', 'eks:DescribeNodegroup',
      ],
      Resource: '*',
    },
    {
      Effect: 'Allow',
      Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
      Resource: '*',
      Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: 'owned' } },
    },
  ];
}

/** What Karpenter's controller needs to launch and terminate this cluster's nodes (after Karpenter's reference policy). */
export function karpenterStatements(clusterName: string, nodeRoleArn: string): Array<Record<string, unknown>> {
  return [
    {
      Effect: 'Allow',
      Action: [
        'ec2:CreateFleet', 'ec2:CreateLaunchTemplate', 'ec2:CreateTags', 'ec2:RunInstances', 'ec2:DeleteLaunchTemplate', 'ec2:TerminateInstances',
        'ec2:DescribeAvailabilityZones', 'ec2:DescribeImages', 'ec2:DescribeInstances', 'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes', 'ec2:DescribeLaunchTemplates', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets', 'pricing:GetProducts', 'ssm:GetParameter', 'eks:DescribeCluster',
        'iam:GetInstanceProfile', 'iam:CreateInstanceProfile', 'iam:TagInstanceProfile', 'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile', 'iam:ListInstanceProfiles',
      ],
      Resource: '*',
      // The cluster's subnets carry `kubernetes.io/cluster/<name>=shared` (EksNetwork), while the instances,
      // launch templates and cluster security group carry `owned`: RunInstances touches both, so both pass.
      Condition: { StringEqualsIfExists: { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: ['owned', 'shared'] } },
    },
    { Effect: 'Allow', Action: 'iam:PassRole', Resource: nodeRoleArn, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
  ];
}
