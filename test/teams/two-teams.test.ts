import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildTwoTeams } from '../../examples/two-teams/teams';
import { Fleet } from '../../lib';
import { readTree, Synthesized, synthFleet, tempDir } from '../support/synth';

const docs = (outdir: string, file: string): any[] => parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS());
const strip = (resources: any[]) => resources.map(({ ['//']: _, ...body }) => body);

describe('the two-teams example', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => { buildTwoTeams(fleet); }, { tags: { environment: 'prod' } });
  });
  const teamFile = (cluster: string, team: string) => docs(out.outdir, `kubernetes/${cluster}/team.${team}.yaml`);

  test('manifest.json lists the teams of each cluster: payments on AWS and Azure, search on the US clusters', () => {
    const teams = Object.fromEntries(Object.entries<any>(out.manifest.kubernetes).map(([cluster, k]) => [cluster, k.teams]));
    expect(teams).toEqual({ 'aws-us': ['payments', 'search'], 'azure-eu': ['payments'], 'gcp-us': ['search'] });
    expect(out.manifest.kubernetes['aws-us'].workloads).toEqual(['payments-batch/settlement', 'payments/checkout', 'search/search-api']);
  });

  test('each team namespace enforces, warns and audits restricted at the cluster version and carries the cost labels', () => {
    const namespaces = teamFile('aws-us', 'payments').filter(o => o.kind === 'Namespace');
    expect(namespaces.map(n => n.metadata.name)).toEqual(['payments', 'payments-batch']);
    for (const ns of namespaces) {
      expect(ns.metadata.labels).toEqual({
        'environment': 'prod',
        'team': 'payments',
        'cost-center': 'cc-1001',
        'cdk-fleet.io/team': 'payments',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.34',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'v1.34',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': 'v1.34',
      });
    }
  });

  test('quotas per cluster: the team quota, replaced on a cluster by clusterQuotas; GPUs and storage by resource name', () => {
    const hard = (cluster: string, team: string) => teamFile(cluster, team).filter(o => o.kind === 'ResourceQuota').map(q => [q.metadata.namespace, q.spec.hard]);
    expect(hard('aws-us', 'payments')).toEqual([
      ['payments', { 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.cpu': '16', 'limits.memory': '32Gi', 'pods': '40' }],
      ['payments-batch', { 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.cpu': '16', 'limits.memory': '32Gi', 'pods': '40' }],
    ]);
    expect(hard('azure-eu', 'payments')).toEqual([
      ['payments', { 'requests.cpu': '4', 'requests.memory': '8Gi', 'pods': '20' }],
      ['payments-batch', { 'requests.cpu': '4', 'requests.memory': '8Gi', 'pods': '20' }],
    ]);
    expect(hard('gcp-us', 'search')).toEqual([
      ['search', { 'requests.cpu': '24', 'requests.memory': '96Gi', 'requests.nvidia.com/gpu': '3', 'requests.storage': '200Gi', 'pods': '50' }],
    ]);
  });

  test('LimitRange defaults and a default-deny ingress NetworkPolicy in every team namespace', () => {
    const search = teamFile('gcp-us', 'search');
    expect(search.find(o => o.kind === 'LimitRange').spec).toEqual({
      limits: [{ type: 'Container', defaultRequest: { cpu: '250m', memory: '256Mi' }, default: { cpu: '1', memory: '1Gi' } }],
    });
    const payments = teamFile('azure-eu', 'payments');
    expect(payments.find(o => o.kind === 'LimitRange').spec.limits[0]).toMatchObject({ defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } });
    const denies = payments.filter(o => o.kind === 'NetworkPolicy');
    expect(denies.map(d => [d.metadata.namespace, d.spec])).toEqual([
      ['payments', { podSelector: {}, policyTypes: ['Ingress'] }],
      ['payments-batch', { podSelector: {}, policyTypes: ['Ingress'] }],
    ]);
  });

  test('EKS: an access entry per IAM principal (tagged with the cost labels) and AmazonEKSEditPolicy scoped to the team namespaces', () => {
    expect(strip(out.resources('aws-us', 'aws_eks_access_entry')).filter(e => e.principal_arn.includes('-developers'))).toEqual([
      { cluster_name: '${aws_eks_cluster.cluster.name}', principal_arn: 'arn:aws:iam::111122223333:role/payments-developers', type: 'STANDARD', tags: { 'environment': 'prod', 'team': 'payments', 'cost-center': 'cc-1001' } },
      { cluster_name: '${aws_eks_cluster.cluster.name}', principal_arn: 'arn:aws:iam::111122223333:role/search-developers', type: 'STANDARD', tags: { 'environment': 'prod', 'team': 'search', 'cost-center': 'cc-2002' } },
    ]);
    expect(strip(out.resources('aws-us', 'aws_eks_access_policy_association')).map(a => [a.principal_arn, a.policy_arn, a.access_scope])).toEqual([
      ['arn:aws:iam::111122223333:role/payments-developers', 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy', { type: 'namespace', namespaces: ['payments', 'payments-batch'] }],
      ['arn:aws:iam::111122223333:role/search-developers', 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy', { type: 'namespace', namespaces: ['search'] }],
    ]);
    // No Kubernetes RoleBinding on EKS: the access policy is the grant.
    expect(teamFile('aws-us', 'payments').some(o => o.kind === 'RoleBinding')).toBe(false);
  });

  test('GKE: Google Groups for RBAC on the cluster and a RoleBinding of the group to edit in each team namespace', () => {
    expect(out.resources('gcp-us', 'google_container_cluster')[0].authenticator_groups_config).toEqual({ security_group: 'gke-security-groups@acme.example' });
    const binding = teamFile('gcp-us', 'search').find(o => o.kind === 'RoleBinding');
    expect(binding).toMatchObject({
      metadata: { name: 'team-edit', namespace: 'search', labels: { 'team': 'search', 'cost-center': 'cc-2002' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'search-devs@acme.example' }],
    });
    expect(out.resources('gcp-us', 'aws_eks_access_entry')).toEqual([]);
  });

  test('AKS: an Azure Kubernetes Service RBAC Writer assignment per Entra group, scoped to each team namespace, and the cluster user role', () => {
    const assignments = strip(out.resources('azure-eu', 'azurerm_role_assignment')).filter(a => a.principal_type === 'Group');
    const group = { principal_id: '5f8c2a1e-3b4d-4c6e-9f10-2a3b4c5d6e7f', principal_type: 'Group' };
    expect(assignments).toEqual([
      { scope: '${azurerm_kubernetes_cluster.cluster.id}', role_definition_name: 'Azure Kubernetes Service Cluster User Role', ...group },
      ...['payments', 'payments-batch'].map(ns => ({
        scope: `\${azurerm_kubernetes_cluster.cluster.id}/namespaces/${ns}`,
        role_definition_name: 'Azure Kubernetes Service RBAC Writer',
        ...group,
      })),
    ]);
    // Azure RBAC for Kubernetes authorization is on, which these assignments need.
    expect(out.resources('azure-eu', 'azurerm_kubernetes_cluster')[0].azure_active_directory_role_based_access_control).toMatchObject({ azure_rbac_enabled: true });
  });

  test('team workloads run in the team namespace and carry the team and cost-center labels', () => {
    const checkout = docs(out.outdir, 'kubernetes/azure-eu/payments.checkout.yaml');
    for (const o of checkout) {
      expect(o.metadata.namespace).toBe('payments');
      expect(o.metadata.labels).toMatchObject({ 'team': 'payments', 'cost-center': 'cc-1001', 'cdk-fleet.io/team': 'payments' });
    }
    const settlement = docs(out.outdir, 'kubernetes/aws-us/payments-batch.settlement.yaml');
    expect(settlement.find(o => o.kind === 'CronJob').metadata.namespace).toBe('payments-batch');
  });

  test('a second synth of the same fleet writes the same tree (team access is added once)', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out'), tags: { environment: 'prod' } });
    buildTwoTeams(fleet);
    fleet.synth();
    const first = readTree(fleet.outdir);
    fleet.synth();
    expect(readTree(fleet.outdir)).toEqual(first);
    expect(first).toEqual(readTree(out.outdir));
  });

  test('the default policy finds nothing: every namespace enforces restricted and every workload has a team', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out.outdir, 'policy/report.json'), 'utf8'));
    expect(report.findings).toEqual([]);
  });
});
