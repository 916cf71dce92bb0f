import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { aws } from './eks-resources';

/** AWS managed policies each role needs, and nothing more. */
export const CLUSTER_ROLE_POLICIES = ['AmazonEKSClusterPolicy'];
export const NODE_ROLE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonEKS_CNI_Policy'];

/** An IAM role assumable by one AWS service, with AWS managed policies attached. */
export class ServiceRole extends Construct {
  public readonly role: IamRole;
  public readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: { name: string; service: string; managedPolicies: string[]; tagSession?: boolean }) {
    super(scope, id);
    const actions = props.tagSession ? ['sts:AssumeRole', 'sts:TagSession'] : ['sts:AssumeRole'];
    this.role = new aws.IamRole(this, 'role', {
      name: props.name,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: props.service }, Action: actions }],
      }),
    });
    this.attachments = props.managedPolicies.map(policy => new aws.IamRolePolicyAttachment(this, policy, {
      role: this.role.name,
      policyArn: `arn:aws:iam::aws:policy/${policy}`,
    }));
  }
}
