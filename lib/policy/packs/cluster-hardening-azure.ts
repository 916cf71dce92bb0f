import { HardeningCheck, HardeningViolation } from './hardening-check';
import { PolicyQuery, PolicyTerraformResource } from '../query';
import { PolicyLevel } from '../rule';

const AKS = ['azurerm_kubernetes_cluster'];

function violation(ref: PolicyTerraformResource, path: string, message: string): HardeningViolation[] {
  return [{ ref, path, message }];
}

/** AKS checks over `azurerm_kubernetes_cluster`. */
export const AZURE_HARDENING_CHECKS: HardeningCheck[] = [
  {
    rule: {
      id: 'CKF-AZURE-001',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_AZURE_5'],
      description: 'Kubernetes RBAC is enabled on AKS.',
      fixHint: 'Keep AksCluster\'s default role_based_access_control_enabled = true.',
    },
    evaluate: query => query.terraformResources(...AKS).flatMap(r => {
      const rbac = PolicyQuery.field(r, 'role_based_access_control_enabled');
      return rbac.value === false ? violation(r, rbac.path, 'role_based_access_control_enabled is false; every authenticated user is cluster admin') : [];
    }),
  },
  {
    rule: {
      id: 'CKF-AZURE-002',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_AZURE_6'],
      description: 'A public AKS API server admits only authorized IP ranges, none of them 0.0.0.0/0.',
      fixHint: 'Use EndpointAccess.PRIVATE, or EndpointAccess.publicAndPrivate([...]) with known CIDR blocks only.',
    },
    evaluate: query => query.terraformResources(...AKS).flatMap(r => {
      if (PolicyQuery.field(r, 'private_cluster_enabled').value === true) return [];
      const ranges = PolicyQuery.field(r, 'api_server_access_profile.authorized_ip_ranges');
      const list = Array.isArray(ranges.value) ? ranges.value : [];
      if (list.length > 0 && !list.some(PolicyQuery.isOpenCidr)) return [];
      return violation(r, ranges.path, list.length === 0 ? 'the public API server has no authorized IP ranges' : `the public API server admits ${list.filter(PolicyQuery.isOpenCidr).join(', ')}`);
    }),
  },
  {
    rule: {
      id: 'CKF-AZURE-003',
      level: PolicyLevel.WARNING,
      scannerIds: ['CKV_AZURE_115'],
      description: 'AKS is a private cluster (no public API server).',
      fixHint: 'Use EndpointAccess.PRIVATE (the default); suppress with a reason when a public endpoint limited to known CIDRs is intended.',
    },
    evaluate: query => query.terraformResources(...AKS).flatMap(r => {
      const priv = PolicyQuery.field(r, 'private_cluster_enabled');
      return priv.value === true ? [] : violation(r, priv.path, `private_cluster_enabled is ${JSON.stringify(priv.value ?? null)}; the API server has a public endpoint`);
    }),
  },
  {
    rule: {
      id: 'CKF-AZURE-004',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_AZURE_141'],
      description: 'AKS local accounts (the static cluster admin credential) are disabled.',
      fixHint: 'Keep AksCluster\'s default local_account_disabled = true and sign in through Entra ID.',
    },
    evaluate: query => query.terraformResources(...AKS).flatMap(r => {
      const local = PolicyQuery.field(r, 'local_account_disabled');
      return local.value === true ? [] : violation(r, local.path, `local_account_disabled is ${JSON.stringify(local.value ?? null)}; a static admin kubeconfig exists`);
    }),
  },
  {
    rule: {
      id: 'CKF-AZURE-005',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_AZURE_7'],
      description: 'AKS enforces Kubernetes NetworkPolicy (network_profile.network_policy is set).',
      fixHint: 'Keep AksCluster\'s default network policy (azure).',
    },
    evaluate: query => query.terraformResources(...AKS).flatMap(r => {
      const policy = PolicyQuery.field(r, 'network_profile.network_policy');
      return typeof policy.value === 'string' && policy.value.length > 0 ? [] : violation(r, policy.path, 'no network policy engine; NetworkPolicy objects would have no effect');
    }),
  },
  {
    rule: {
      id: 'CKF-AZURE-006',
      level: PolicyLevel.WARNING,
      scannerIds: ['CKV_AZURE_4'],
      description: 'AKS sends container logs to Azure Monitor (oms_agent).',
      fixHint: 'Keep AksCluster\'s default Log Analytics workspace and oms_agent block.',
    },
    evaluate: query => query.terraformResources(...AKS).flatMap(r => {
      const workspace = PolicyQuery.field(r, 'oms_agent.log_analytics_workspace_id');
      return workspace.value ? [] : violation(r, workspace.path, 'no oms_agent workspace; container logs are not collected');
    }),
  },
  {
    rule: {
      id: 'CKF-AZURE-007',
      level: PolicyLevel.ERROR,
      description: 'AKS encrypts Kubernetes secrets with a Key Vault key (KMS).',
      fixHint: 'Keep AksCluster\'s default key_management_service block.',
    },
    evaluate: query => query.terraformResources(...AKS).flatMap(r => {
      const key = PolicyQuery.field(r, 'key_management_service.key_vault_key_id');
      return key.value ? [] : violation(r, key.path, 'no key_management_service key; secrets are not encrypted with your key');
    }),
  },
];
