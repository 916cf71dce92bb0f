import { HardeningCheck, HardeningViolation } from './hardening-check';
import { PolicyQuery, PolicyTerraformResource } from '../query';
import { PolicyLevel } from '../rule';

const CLUSTER = ['google_container_cluster'];

/** Node configs to check: every node pool's, and the cluster's own when it has one. */
function nodeConfigs(query: PolicyQuery): PolicyTerraformResource[] {
  return [
    ...query.terraformResources(...CLUSTER).filter(r => r.body.node_config !== undefined),
    ...query.terraformResources('google_container_node_pool'),
  ];
}

function violation(ref: PolicyTerraformResource, path: string, message: string): HardeningViolation[] {
  return [{ ref, path, message }];
}

/** GKE checks over `google_container_cluster` and `google_container_node_pool`. */
export const GCP_HARDENING_CHECKS: HardeningCheck[] = [
  {
    rule: {
      id: 'CKF-GCP-001',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_GCP_12'],
      description: 'GKE enforces Kubernetes NetworkPolicy (network_policy enabled, or Dataplane V2).',
      fixHint: 'Keep GkeCluster\'s default network policy (Calico) or use Dataplane V2 (ADVANCED_DATAPATH).',
    },
    evaluate: query => query.terraformResources(...CLUSTER).flatMap(r => {
      if (PolicyQuery.field(r, 'datapath_provider').value === 'ADVANCED_DATAPATH') return [];
      const enabled = PolicyQuery.field(r, 'network_policy.enabled');
      return enabled.value === true ? [] : violation(r, enabled.path, 'network policy is not enforced; NetworkPolicy objects would have no effect');
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-002',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_GCP_25'],
      description: 'GKE nodes are private (no public IP addresses).',
      fixHint: 'Keep GkeCluster\'s default private_cluster_config.enable_private_nodes = true; nodes reach the internet through Cloud NAT.',
    },
    evaluate: query => query.terraformResources(...CLUSTER).flatMap(r => {
      const nodes = PolicyQuery.field(r, 'private_cluster_config.enable_private_nodes');
      return nodes.value === true ? [] : violation(r, nodes.path, `enable_private_nodes is ${JSON.stringify(nodes.value ?? null)}; nodes get public IP addresses`);
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-003',
      level: PolicyLevel.WARNING,
      description: 'The GKE API server has no public endpoint.',
      fixHint: 'Use EndpointAccess.PRIVATE (the default); suppress with a reason when a public endpoint limited to known CIDRs is intended.',
    },
    evaluate: query => query.terraformResources(...CLUSTER).flatMap(r => {
      const endpoint = PolicyQuery.field(r, 'private_cluster_config.enable_private_endpoint');
      return endpoint.value === true ? [] : violation(r, endpoint.path, `enable_private_endpoint is ${JSON.stringify(endpoint.value ?? null)}; the API server has a public endpoint`);
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-004',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_GCP_20'],
      description: 'A public GKE endpoint admits only master authorized networks, none of them 0.0.0.0/0.',
      fixHint: 'Use EndpointAccess.PRIVATE, or EndpointAccess.publicAndPrivate([...]) with known CIDR blocks only.',
    },
    evaluate: query => query.terraformResources(...CLUSTER).flatMap(r => {
      if (PolicyQuery.field(r, 'private_cluster_config.enable_private_endpoint').value === true) return [];
      const blocks = PolicyQuery.field(r, 'master_authorized_networks_config.cidr_blocks');
      const cidrs = (Array.isArray(blocks.value) ? blocks.value : []).map((b: any) => b?.cidr_block);
      if (cidrs.length > 0 && !cidrs.some(PolicyQuery.isOpenCidr)) return [];
      return violation(r, blocks.path, cidrs.length === 0 ? 'the public endpoint has no master authorized networks' : `the public endpoint admits ${cidrs.filter(PolicyQuery.isOpenCidr).join(', ')}`);
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-005',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_GCP_69'],
      description: 'GKE node pools run the GKE metadata server (workload_metadata_config.mode = GKE_METADATA).',
      fixHint: 'Keep the node pool default GKE_METADATA so pods cannot read the node\'s service account credentials.',
    },
    evaluate: query => nodeConfigs(query).flatMap(r => {
      const mode = PolicyQuery.field(r, 'node_config.workload_metadata_config.mode');
      return mode.value === 'GKE_METADATA' ? [] : violation(r, mode.path, `workload metadata mode is ${JSON.stringify(mode.value ?? null)}; pods can reach the node's metadata and credentials; use 'GKE_METADATA'`);
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-006',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_GCP_71'],
      description: 'Shielded GKE nodes are enabled.',
      fixHint: 'Keep GkeCluster\'s default enable_shielded_nodes = true.',
    },
    evaluate: query => query.terraformResources(...CLUSTER).flatMap(r => {
      const shielded = PolicyQuery.field(r, 'enable_shielded_nodes');
      return shielded.value === false ? violation(r, shielded.path, 'enable_shielded_nodes is false; node identity and boot integrity cannot be verified') : [];
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-007',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_GCP_68'],
      description: 'GKE nodes boot with Secure Boot.',
      fixHint: 'Keep the node pool default shielded_instance_config.enable_secure_boot = true.',
    },
    evaluate: query => nodeConfigs(query).flatMap(r => {
      const boot = PolicyQuery.field(r, 'node_config.shielded_instance_config.enable_secure_boot');
      return boot.value === true ? [] : violation(r, boot.path, `enable_secure_boot is ${JSON.stringify(boot.value ?? null)} (GKE defaults to false); nodes may boot unsigned components`);
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-008',
      level: PolicyLevel.ERROR,
      scannerIds: ['CKV_GCP_7'],
      description: 'Legacy ABAC authorization is disabled on GKE (RBAC only).',
      fixHint: 'Remove enable_legacy_abac (it defaults to false).',
    },
    evaluate: query => query.terraformResources(...CLUSTER).flatMap(r => {
      const abac = PolicyQuery.field(r, 'enable_legacy_abac');
      return abac.value === true ? violation(r, abac.path, 'enable_legacy_abac is true; ABAC grants bypass RBAC') : [];
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-009',
      level: PolicyLevel.ERROR,
      description: 'GKE uses Workload Identity (workload_identity_config.workload_pool is set).',
      fixHint: 'Keep GkeCluster\'s default workload pool (<project>.svc.id.goog) so pods get their own Google identities.',
    },
    evaluate: query => query.terraformResources(...CLUSTER).flatMap(r => {
      const pool = PolicyQuery.field(r, 'workload_identity_config.workload_pool');
      return typeof pool.value === 'string' && pool.value.length > 0 ? [] : violation(r, pool.path, 'no workload identity pool; pods would share the node service account');
    }),
  },
  {
    rule: {
      id: 'CKF-GCP-010',
      level: PolicyLevel.ERROR,
      description: 'GKE encrypts Kubernetes secrets at the application layer with a Cloud KMS key.',
      fixHint: 'Keep GkeCluster\'s default database_encryption (state ENCRYPTED with its KMS key).',
    },
    evaluate: query => query.terraformResources(...CLUSTER).flatMap(r => {
      const state = PolicyQuery.field(r, 'database_encryption.state');
      return state.value === 'ENCRYPTED' ? [] : violation(r, state.path, `database_encryption.state is ${JSON.stringify(state.value ?? null)}; secrets are not encrypted with your KMS key`);
    }),
  },
];
