import { HardeningCheck } from './hardening-check';
import { PolicyQuery } from '../query';
import { PolicyLevel } from '../rule';

const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/** EKS control plane checks over `aws_eks_cluster`. */
export const AWS_HARDENING_CHECKS: HardeningCheck[] = [
  {
    rule: {
      id: 'CKF-AWS-001',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_AWS_37'],
      description: 'EKS control plane logging is enabled for all log types (api, audit, authenticator, controllerManager, scheduler).',
      fixHint: 'Keep EksCluster\'s default enabled_cluster_log_types; every type is needed to audit access to the API server.',
    },
    evaluate: query => query.terraformResources('aws_eks_cluster').flatMap(r => {
      const logs = PolicyQuery.field(r, 'enabled_cluster_log_types');
      const have = Array.isArray(logs.value) ? logs.value : [];
      const missing = EKS_LOG_TYPES.filter(t => !have.includes(t));
      return missing.length === 0 ? [] : [{ ref: r, path: logs.path, message: `control plane log types ${missing.join(', ')} are not enabled; enable all of ${EKS_LOG_TYPES.join(', ')}` }];
    }),
  },
  {
    rule: {
      id: 'CKF-AWS-002',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_AWS_38'],
      description: 'A public EKS endpoint is not reachable from 0.0.0.0/0.',
      fixHint: 'Use EndpointAccess.PRIVATE, or EndpointAccess.publicAndPrivate([...]) with your VPN or office egress ranges only.',
    },
    evaluate: query => query.terraformResources('aws_eks_cluster').flatMap(r => {
      if (PolicyQuery.field(r, 'vpc_config.endpoint_public_access').value === false) return [];
      const cidrs = PolicyQuery.field(r, 'vpc_config.public_access_cidrs');
      const list = Array.isArray(cidrs.value) ? cidrs.value : [];
      if (list.length > 0 && !list.some(PolicyQuery.isOpenCidr)) return [];
      const what = list.length === 0 ? 'has no public_access_cidrs (AWS then allows 0.0.0.0/0)' : `allows ${list.filter(PolicyQuery.isOpenCidr).join(', ')}`;
      return [{ ref: r, path: cidrs.path, message: `the public API endpoint ${what}; restrict it to known CIDR blocks` }];
    }),
  },
  {
    rule: {
      id: 'CKF-AWS-003',
      level: PolicyLevel.WARNING,
      scannerIds: ['CKV_AWS_39'],
      description: 'The EKS API server has no public endpoint.',
      fixHint: 'Use EndpointAccess.PRIVATE (the default) and reach the API server through the VPC; suppress with a reason when a public endpoint limited to known CIDRs is intended.',
    },
    evaluate: query => query.terraformResources('aws_eks_cluster').flatMap(r => {
      const pub = PolicyQuery.field(r, 'vpc_config.endpoint_public_access');
      return pub.value === false ? [] : [{ ref: r, path: pub.path, message: `endpoint_public_access is ${pub.value === undefined ? 'unset (AWS defaults to true)' : JSON.stringify(pub.value)}; the API server has a public endpoint` }];
    }),
  },
  {
    rule: {
      id: 'CKF-AWS-004',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_AWS_58'],
      description: 'EKS encrypts Kubernetes secrets with a KMS key (envelope encryption).',
      fixHint: 'Keep EksCluster\'s default encryption_config (a KMS key for the "secrets" resource).',
    },
    evaluate: query => query.terraformResources('aws_eks_cluster').flatMap(r => {
      const resources = PolicyQuery.field(r, 'encryption_config.resources');
      const list = Array.isArray(resources.value) ? resources.value : [];
      return list.includes('secrets') ? [] : [{ ref: r, path: resources.path, message: 'encryption_config does not cover "secrets"; secrets are stored without envelope encryption' }];
    }),
  },
];
