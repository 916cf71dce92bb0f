import * as path from 'path';
import { AksCluster, ClusterHardening, EksCluster, EndpointAccess, Fleet, GkeCluster, PolicyInput, PolicyMode } from '../../lib';
import { findingTuples, readReport } from '../support/policy';
import { parseOutput, tempDir } from '../support/synth';

/** Synthesizes one default cluster per cloud (policy off) and returns the rendered stacks as policy input. */
function defaultStacks(endpointAccess?: EndpointAccess): PolicyInput {
  const outdir = path.join(tempDir(), 'cdk.out');
  const fleet = new Fleet({ outdir, policy: { mode: PolicyMode.OFF } });
  new EksCluster(fleet, 'aws', { region: 'us-east-1', endpointAccess }).addNodePool('general');
  new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1', endpointAccess }).addNodePool('general');
  new AksCluster(fleet, 'azure', { location: 'westeurope', endpointAccess }).addNodePool('general');
  fleet.synth();
  const out = parseOutput(outdir);
  return { terraform: ['aws', 'gcp', 'azure'].map(stack => ({ file: `terraform/${stack}/main.tf.json`, stack, json: out.stack(stack) })), kubernetes: [] };
}

const pack = ClusterHardening.recommended();
const ids = (input: PolicyInput) => pack.evaluate(input).map(f => [f.ruleId, f.jsonPath]);

/** The single resource of `type` in `stack`, for mutation. */
function resource(input: PolicyInput, stack: string, type: string): any {
  const all = Object.values<any>(input.terraform.find(t => t.stack === stack)!.json.resource[type]);
  return all[0];
}

describe('ClusterHardening', () => {
  test('the default clusters of every cloud pass every rule', () => {
    expect(ids(defaultStacks())).toEqual([]);
  });

  test('a public endpoint limited to known CIDRs is a warning per cloud', () => {
    const findings = pack.evaluate(defaultStacks(EndpointAccess.publicAndPrivate(['203.0.113.0/24'])));
    expect(findings.map(f => [f.ruleId, f.constructPath, f.file, f.jsonPath])).toEqual([
      ['CKF-AWS-003', 'fleet/aws/cluster', 'terraform/aws/main.tf.json', 'resource.aws_eks_cluster.cluster.vpc_config.endpoint_public_access'],
      ['CKF-GCP-003', 'fleet/gcp/cluster', 'terraform/gcp/main.tf.json', 'resource.google_container_cluster.cluster.private_cluster_config.enable_private_endpoint'],
      ['CKF-AZURE-003', 'fleet/azure/cluster', 'terraform/azure/main.tf.json', 'resource.azurerm_kubernetes_cluster.cluster.private_cluster_enabled'],
    ]);
    const levels = new Map(pack.rules.map(r => [r.id, r.level]));
    expect(findings.map(f => levels.get(f.ruleId))).toEqual(['warning', 'warning', 'warning']);
  });

  test('a public endpoint open to 0.0.0.0/0 is an error per cloud (and fails an enforcing synth)', () => {
    expect(ids(defaultStacks(EndpointAccess.publicAndPrivate(['0.0.0.0/0'])))).toEqual([
      ['CKF-AWS-002', 'resource.aws_eks_cluster.cluster.vpc_config.public_access_cidrs'],
      ['CKF-AWS-003', 'resource.aws_eks_cluster.cluster.vpc_config.endpoint_public_access'],
      ['CKF-GCP-003', 'resource.google_container_cluster.cluster.private_cluster_config.enable_private_endpoint'],
      ['CKF-GCP-004', 'resource.google_container_cluster.cluster.master_authorized_networks_config.cidr_blocks'],
      ['CKF-AZURE-002', 'resource.azurerm_kubernetes_cluster.cluster.api_server_access_profile.authorized_ip_ranges'],
      ['CKF-AZURE-003', 'resource.azurerm_kubernetes_cluster.cluster.private_cluster_enabled'],
    ]);
    const outdir = path.join(tempDir(), 'cdk.out');
    const fleet = new Fleet({ outdir });
    new EksCluster(fleet, 'aws', { region: 'us-east-1', endpointAccess: EndpointAccess.publicAndPrivate(['0.0.0.0/0']) }).addNodePool('general');
    expect(() => fleet.synth()).toThrow(/CKF-AWS-002 fleet\/aws\/cluster/);
  });

  // Each case breaks one field of the default output and expects exactly that rule at that path.
  const cases: Array<[string, string, string, (r: any) => void, string]> = [
    ['CKF-AWS-001', 'aws', 'aws_eks_cluster', r => { r.enabled_cluster_log_types = ['api']; }, 'resource.aws_eks_cluster.cluster.enabled_cluster_log_types'],
    ['CKF-AWS-004', 'aws', 'aws_eks_cluster', r => { delete r.encryption_config; }, 'resource.aws_eks_cluster.cluster.encryption_config.resources'],
    ['CKF-VERSION-001', 'aws', 'aws_eks_cluster', r => { r.version = '1.27'; }, 'resource.aws_eks_cluster.cluster.version'],
    ['CKF-GCP-001', 'gcp', 'google_container_cluster', r => { r.network_policy.enabled = false; }, 'resource.google_container_cluster.cluster.network_policy.enabled'],
    ['CKF-GCP-002', 'gcp', 'google_container_cluster', r => { r.private_cluster_config.enable_private_nodes = false; },
      'resource.google_container_cluster.cluster.private_cluster_config.enable_private_nodes'],
    ['CKF-GCP-005', 'gcp', 'google_container_node_pool', r => { r.node_config.workload_metadata_config.mode = 'GCE_METADATA'; },
      'resource.google_container_node_pool.general_node-pool_93EE8430.node_config.workload_metadata_config.mode'],
    ['CKF-GCP-006', 'gcp', 'google_container_cluster', r => { r.enable_shielded_nodes = false; }, 'resource.google_container_cluster.cluster.enable_shielded_nodes'],
    ['CKF-GCP-007', 'gcp', 'google_container_node_pool', r => { r.node_config.shielded_instance_config = [{ enable_secure_boot: false }]; },
      'resource.google_container_node_pool.general_node-pool_93EE8430.node_config.shielded_instance_config[0].enable_secure_boot'],
    ['CKF-GCP-008', 'gcp', 'google_container_cluster', r => { r.enable_legacy_abac = true; }, 'resource.google_container_cluster.cluster.enable_legacy_abac'],
    ['CKF-GCP-009', 'gcp', 'google_container_cluster', r => { delete r.workload_identity_config; }, 'resource.google_container_cluster.cluster.workload_identity_config.workload_pool'],
    ['CKF-GCP-010', 'gcp', 'google_container_cluster', r => { r.database_encryption.state = 'DECRYPTED'; }, 'resource.google_container_cluster.cluster.database_encryption.state'],
    ['CKF-AZURE-001', 'azure', 'azurerm_kubernetes_cluster', r => { r.role_based_access_control_enabled = false; },
      'resource.azurerm_kubernetes_cluster.cluster.role_based_access_control_enabled'],
    ['CKF-AZURE-004', 'azure', 'azurerm_kubernetes_cluster', r => { r.local_account_disabled = false; }, 'resource.azurerm_kubernetes_cluster.cluster.local_account_disabled'],
    ['CKF-AZURE-005', 'azure', 'azurerm_kubernetes_cluster', r => { delete r.network_profile.network_policy; }, 'resource.azurerm_kubernetes_cluster.cluster.network_profile.network_policy'],
    ['CKF-AZURE-006', 'azure', 'azurerm_kubernetes_cluster', r => { delete r.oms_agent; }, 'resource.azurerm_kubernetes_cluster.cluster.oms_agent.log_analytics_workspace_id'],
    ['CKF-AZURE-007', 'azure', 'azurerm_kubernetes_cluster', r => { delete r.key_management_service; },
      'resource.azurerm_kubernetes_cluster.cluster.key_management_service.key_vault_key_id'],
    ['CKF-VERSION-001', 'azure', 'azurerm_kubernetes_cluster', r => { r.kubernetes_version = '1.29.4'; }, 'resource.azurerm_kubernetes_cluster.cluster.kubernetes_version'],
  ];
  let base: PolicyInput;
  beforeAll(() => {
    base = defaultStacks();
  });

  test.each(cases)('%s on %s/%s', (ruleId, stack, type, mutate, jsonPath) => {
    const input: PolicyInput = JSON.parse(JSON.stringify(base));
    mutate(resource(input, stack, type));
    expect(ids(input)).toEqual([[ruleId, jsonPath]]);
  });

  test('an EKS cluster without endpoint_public_access is public (the AWS default) and open to the world', () => {
    const input: PolicyInput = JSON.parse(JSON.stringify(base));
    delete resource(input, 'aws', 'aws_eks_cluster').vpc_config.endpoint_public_access;
    expect(ids(input)).toEqual([
      ['CKF-AWS-002', 'resource.aws_eks_cluster.cluster.vpc_config.public_access_cidrs'],
      ['CKF-AWS-003', 'resource.aws_eks_cluster.cluster.vpc_config.endpoint_public_access'],
    ]);
  });

  test('every rule documents a fix, and the Checkov ids the issue names are covered', () => {
    for (const r of pack.rules) expect(r.fixHint.length).toBeGreaterThan(20);
    const scanner = pack.rules.flatMap(r => r.scannerIds ?? []);
    for (const id of ['CKV_AWS_37', 'CKV_AWS_38', 'CKV_AWS_39', 'CKV_AWS_58', 'CKV_GCP_12', 'CKV_GCP_25', 'CKV_GCP_69', 'CKV_GCP_71',
      'CKV_AZURE_5', 'CKV_AZURE_6', 'CKV_AZURE_115', 'CKV_AZURE_141']) {
      expect(scanner).toContain(id);
    }
  });

  test('in a warn-mode fleet, the findings land in report.json with their levels', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    const fleet = new Fleet({ outdir, policy: { packs: [ClusterHardening.recommended({ mode: PolicyMode.WARN })] } });
    new EksCluster(fleet, 'aws', { region: 'us-east-1', endpointAccess: EndpointAccess.publicAndPrivate(['0.0.0.0/0']) }).addNodePool('general');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    fleet.synth();
    stderr.mockRestore();
    expect(findingTuples(readReport(outdir))).toEqual([
      ['CKF-AWS-003', 'warning', 'fleet/aws/cluster', 'terraform/aws/main.tf.json', 'resource.aws_eks_cluster.cluster.vpc_config.endpoint_public_access'],
      ['CKF-AWS-002', 'warning', 'fleet/aws/cluster', 'terraform/aws/main.tf.json', 'resource.aws_eks_cluster.cluster.vpc_config.public_access_cidrs'],
    ]);
  });
});
