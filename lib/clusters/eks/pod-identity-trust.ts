/**
 * The trust policy of an IAM role that EKS Pod Identity hands to pods: the Pod Identity
 * agent (`pods.eks.amazonaws.com`) assumes it and tags the session.
 * See https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export const POD_IDENTITY_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
});
