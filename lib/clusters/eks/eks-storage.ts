import type { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { aws } from './eks-resources';
import { POD_IDENTITY_TRUST_POLICY } from './pod-identity-trust';

/** Service account of the EBS CSI controller (the add-on's own name for it). */
export const EBS_CSI_SERVICE_ACCOUNT = 'ebs-csi-controller-sa';

/**
 * The Amazon EBS CSI driver as a managed EKS add-on whose controller gets its IAM role
 * through EKS Pod Identity (the add-on's `pod_identity_association`), with the AWS
 * managed `AmazonEBSCSIDriverPolicy`. Its controller is a Deployment, so the add-on
 * waits for the node groups (it would report DEGRADED without nodes).
 * See https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html
 */
export class EbsCsiDriver extends Construct {
  /** The `aws_eks_addon`. */
  public readonly addon: EksAddon;

  constructor(scope: Construct, id: string, props: { clusterName: string; roleName: string; dependsOn: ITerraformDependable[] }) {
    super(scope, id);
    const role = new aws.IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: POD_IDENTITY_TRUST_POLICY,
    });
    const policy = new aws.IamRolePolicyAttachment(this, 'policy', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    });
    this.addon = new aws.EksAddon(this, 'addon', {
      clusterName: props.clusterName,
      addonName: 'aws-ebs-csi-driver',
      resolveConflictsOnCreate: 'OVERWRITE',
      podIdentityAssociation: [{ roleArn: role.arn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT }],
      dependsOn: [policy, ...props.dependsOn],
    });
  }
}
