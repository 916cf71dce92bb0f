import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { AgentService, AksCluster, BatchJob, EksCluster, Fleet, GkeCluster, ICluster, Workload, WorkloadIdentity, WorkloadProps, WorkloadRenderContext } from '../../lib';
import { workloadIdentityNames } from '../../lib/workloads/workload-identity-names';
import { Synthesized, readTree, synthFleet } from '../support/synth';

const SUB = '00000000-0000-0000-0000-000000000000';
const BLOB_SCOPE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmedata/blobServices/default/containers/orders`;
const INLINE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-orders/*' }],
});
const IDENTITY: WorkloadIdentity = {
  aws: { managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess', 'arn:aws:iam::111122223333:policy/orders/reader'], inlinePolicyJson: INLINE },
  gcp: { roles: ['roles/storage.objectViewer', 'roles/pubsub.subscriber', 'roles/storage.objectViewer'] },
  azure: { roleAssignments: [{ roleDefinitionName: 'Storage Blob Data Reader', scope: BLOB_SCOPE }] },
};
const base = (placement: ICluster[], extra: Partial<WorkloadProps> = {}): WorkloadProps => ({
  image: 'ghcr.io/acme/orders:1.2.0', resources: { cpu: '250m', memory: '256Mi' }, placement, ...extra,
});

function clusters(fleet: Fleet) {
  const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
  const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
  const gke2 = new GkeCluster(fleet, 'gcp-eu', { project: 'acme-prod', region: 'europe-west1' });
  const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
  ([eks, gke, gke2, aks] as ICluster[]).forEach(c => c.addNodePool('general'));
  return { eks, gke, gke2, aks };
}

function build(fleet: Fleet): void {
  const { eks, gke, gke2, aks } = clusters(fleet);
  new Workload(fleet, 'orders', base([eks, gke, gke2, aks], { namespace: 'shop', identity: IDENTITY }));
  new Workload(fleet, 'reports', base([gke], { identity: { gcp: { roles: ['roles/bigquery.dataViewer'], impersonateServiceAccount: true } } }));
  new Workload(fleet, 'plain', base([eks, gke, aks]));
  // KEDA's operator identity on the same clusters: the add-ons stacks share one provider per cloud.
  new AgentService(fleet, 'digest', {
    ...base([gke, aks]),
    identity: { gcp: { roles: ['roles/pubsub.subscriber'] }, azure: IDENTITY.azure },
    eventScaling: { maxReplicas: 3, triggers: [{ type: 'gcp-pubsub', metadata: { subscriptionName: 'digest', value: '5' } }] },
  });
}

function objects(out: Synthesized, cluster: string, file: string): Record<string, any> {
  const text = fs.readFileSync(path.join(out.outdir, 'kubernetes', cluster, `${file}.yaml`), 'utf8');
  return Object.fromEntries(parseAllDocuments(text).map(d => d.toJS()).map(o => [o.kind, o]));
}

/** Resources of `type` in `stack` whose construct path contains `part`. */
function resourcesOf(out: Synthesized, stack: string, type: string, part: string): any[] {
  return out.resources(stack, type).filter(r => r['//'].metadata.path.includes(part));
}

describe('workload identity', () => {
  let out: Synthesized;
  beforeAll(() => { out = synthFleet(build); });

  describe('EKS Pod Identity', () => {
    test('a role trusted by pods.eks.amazonaws.com, its policies and the association for shop/orders', () => {
      const [role] = resourcesOf(out, 'aws-addons', 'aws_iam_role', 'workload-identity-shop-orders');
      expect(role.name).toBe('aws-workload-shop-orders');
      expect(JSON.parse(role.assume_role_policy)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
      });
      const [inline] = resourcesOf(out, 'aws-addons', 'aws_iam_role_policy', 'workload-identity-shop-orders');
      expect(JSON.parse(inline.policy)).toEqual(JSON.parse(INLINE));
      expect(resourcesOf(out, 'aws-addons', 'aws_iam_role_policy_attachment', 'workload-identity-shop-orders').map(a => a.policy_arn)).toEqual([
        'arn:aws:iam::111122223333:policy/orders/reader', 'arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess',
      ]);
      const [association] = resourcesOf(out, 'aws-addons', 'aws_eks_pod_identity_association', 'workload-identity-shop-orders');
      expect(association).toMatchObject({ cluster_name: 'aws', namespace: 'shop', service_account: 'orders' });
      expect(association.role_arn).toMatch(/^\$\{aws_iam_role\..*\.arn\}$/);
    });

    test('the cluster runs the Pod Identity agent, and the pods may reach it; the token stays unmounted', () => {
      const addons = Object.values(out.stack('aws').resource.aws_eks_addon).map((a: any) => a.addon_name);
      expect(addons).toContain('eks-pod-identity-agent');
      const objs = objects(out, 'aws', 'shop.orders');
      expect(objs.NetworkPolicy.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ port: 80, protocol: 'TCP' }] });
      expect(objs.ServiceAccount.automountServiceAccountToken).toBe(false);
      expect(objs.ServiceAccount.metadata.annotations).toBeUndefined();
      expect(objs.Deployment.spec.template.spec).toMatchObject({ serviceAccountName: 'orders', automountServiceAccountToken: false });
      expect(objs.Deployment.spec.template.metadata.labels['azure.workload.identity/use']).toBeUndefined();
    });
  });

  describe('Workload Identity Federation for GKE', () => {
    test('direct grants: each role once to the service account\'s federated principal, made once per project', () => {
      const grants = resourcesOf(out, 'gcp-addons', 'google_project_iam_member', 'workload-identity-shop-orders');
      const principal = 'principal://iam.googleapis.com/projects/${data.google_project.workload-identity-project.number}/locations/global/' +
        'workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/shop/sa/orders';
      expect(grants.map(g => [g.project, g.role, g.member])).toEqual([
        ['acme-prod', 'roles/pubsub.subscriber', principal], ['acme-prod', 'roles/storage.objectViewer', principal],
      ]);
      expect(out.stack('gcp-addons').data.google_project['workload-identity-project'].project_id).toBe('acme-prod');
      // gcp-eu is in the same project and pool: the principal is the same, so it has no second copy of the grants
      // (and, with no add-ons either, no add-ons stack).
      expect(out.manifest.stacks['gcp-eu-addons']).toBeUndefined();
      expect(resourcesOf(out, 'gcp-addons', 'google_service_account', 'workload-identity-shop-orders')).toEqual([]);
      const objs = objects(out, 'gcp', 'shop.orders');
      expect(objs.ServiceAccount.metadata.annotations).toBeUndefined();
      expect(objs.NetworkPolicy.spec.egress).toEqual(expect.arrayContaining([
        { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ port: 80, protocol: 'TCP' }] },
        { to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: 988, protocol: 'TCP' }] },
      ]));
    });

    test('impersonation: a Google service account with the roles, workloadIdentityUser for the KSA, and the KSA annotation', () => {
      const [account] = resourcesOf(out, 'gcp-addons', 'google_service_account', 'workload-identity-apps-reports');
      expect(account.account_id).toMatch(/^reports-[0-9a-f]{8}$/);
      expect(account.project).toBe('acme-prod');
      const [grant] = resourcesOf(out, 'gcp-addons', 'google_project_iam_member', 'workload-identity-apps-reports');
      expect(grant).toMatchObject({ role: 'roles/bigquery.dataViewer', member: expect.stringMatching(/^serviceAccount:\$\{google_service_account\..*\.email\}$/) });
      const [user] = resourcesOf(out, 'gcp-addons', 'google_service_account_iam_member', 'workload-identity-apps-reports');
      expect(user).toMatchObject({ role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:acme-prod.svc.id.goog[apps/reports]' });
      const objs = objects(out, 'gcp', 'reports');
      expect(objs.ServiceAccount.metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': `${account.account_id}@acme-prod.iam.gserviceaccount.com` });
      expect(objs.ServiceAccount.automountServiceAccountToken).toBe(false);
    });

    test('beside the KEDA operator\'s identity, with one Google provider', () => {
      expect(out.resources('gcp-addons', 'google_service_account').map(a => a.account_id)).toContain('gcp-keda');
      expect(resourcesOf(out, 'gcp-addons', 'google_project_iam_member', 'workload-identity-apps-digest').map(g => g.role)).toEqual(['roles/pubsub.subscriber']);
      expect(out.stack('gcp-addons').provider.google).toHaveLength(1);
      expect(out.stack('azure-addons').provider.azurerm).toHaveLength(1);
    });

    test('the cluster has the workload pool and its pools the GKE metadata server', () => {
      const cluster: any = Object.values(out.stack('gcp').resource.google_container_cluster)[0];
      expect(cluster.workload_identity_config).toEqual({ workload_pool: 'acme-prod.svc.id.goog' });
      const pools: any[] = Object.values(out.stack('gcp').resource.google_container_node_pool);
      for (const pool of pools) expect(pool.node_config.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' });
    });
  });

  describe('Microsoft Entra Workload ID on AKS', () => {
    test('a managed identity federated with the cluster issuer for shop/orders, its role, and the client id as an output', () => {
      const [identity] = resourcesOf(out, 'azure-addons', 'azurerm_user_assigned_identity', 'workload-identity-shop-orders');
      expect(identity.name).toBe('azure-workload-shop-orders');
      const [credential] = resourcesOf(out, 'azure-addons', 'azurerm_federated_identity_credential', 'workload-identity-shop-orders');
      expect(credential).toMatchObject({ name: 'shop-orders', audience: ['api://AzureADTokenExchange'], subject: 'system:serviceaccount:shop:orders' });
      expect(credential.issuer).toMatch(/oidc_issuer_url/);
      const [role] = resourcesOf(out, 'azure-addons', 'azurerm_role_assignment', 'workload-identity-shop-orders');
      expect(role).toMatchObject({ scope: BLOB_SCOPE, role_definition_name: 'Storage Blob Data Reader', principal_type: 'ServicePrincipal' });
      expect(role.principal_id).toMatch(/azurerm_user_assigned_identity\..*\.principal_id/);
      expect(out.stack('azure-addons').output['workload-identity-shop-orders-client-id'].value).toMatch(/azurerm_user_assigned_identity\..*\.client_id/);
    });

    test('the cluster issues OIDC tokens with workload identity on; the pods carry the webhook label', () => {
      const cluster: any = Object.values(out.stack('azure').resource.azurerm_kubernetes_cluster)[0];
      expect(cluster).toMatchObject({ oidc_issuer_enabled: true, workload_identity_enabled: true });
      const objs = objects(out, 'azure', 'shop.orders');
      expect(objs.Deployment.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
      // Only the pod template: the other objects share the workload's labels and must not get it.
      for (const kind of ['ServiceAccount', 'Deployment', 'Service', 'NetworkPolicy']) expect(objs[kind].metadata.labels['azure.workload.identity/use']).toBeUndefined();
      expect(objs.Deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
    });
  });

  test('workloads without identity get nothing, and clusters without identities or add-ons get no add-ons stack', () => {
    for (const cluster of ['aws', 'gcp', 'azure']) {
      const objs = objects(out, cluster, 'plain');
      expect(objs.ServiceAccount.metadata.annotations).toBeUndefined();
      expect(objs.NetworkPolicy.spec.egress.some((e: any) => e.to?.[0]?.ipBlock?.cidr?.startsWith('169.254.'))).toBe(false);
      expect(objs.Deployment.spec.template.metadata.labels['azure.workload.identity/use']).toBeUndefined();
    }
    const plainOnly = synthFleet(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addNodePool('general');
      new Workload(fleet, 'plain', base([aks]));
    });
    expect(Object.keys(plainOnly.manifest.stacks)).toEqual(['azure']);
  });

  test('a cluster with identities but no add-ons gets an add-ons stack for them, planned after the cluster; clusterSelector placement counts', () => {
    const selected = synthFleet(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope', labels: { tier: 'data' } });
      aks.addNodePool('general');
      new Workload(fleet, 'orders', { ...base([]), placement: undefined, clusterSelector: { tier: 'data' }, identity: { azure: IDENTITY.azure } });
    });
    expect(selected.manifest.stacks['azure-addons']).toMatchObject({ dependsOn: ['azure'], planWave: 1 });
    expect(selected.resources('azure-addons', 'helm_release')).toEqual([]);
    expect(selected.resources('azure-addons', 'azurerm_federated_identity_credential').map(c => c.subject)).toEqual(['system:serviceaccount:apps:orders']);
  });

  test('a kind whose pods run as another service account cannot carry an identity', () => {
    class Renamed extends Workload {
      public renderObjects(context: WorkloadRenderContext): Array<{ [key: string]: any }> {
        return super.renderObjects(context).map(o => (o.kind === 'Deployment'
          ? { ...o, spec: { ...o.spec, template: { ...o.spec.template, spec: { ...o.spec.template.spec, serviceAccountName: 'shared' } } } } : o));
      }
    }
    expect(() => synthFleet(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addNodePool('general');
      new Renamed(fleet, 'orders', base([aks], { identity: { azure: IDENTITY.azure } }));
    })).toThrow(/workload 'fleet\/orders': its Deployment runs as service account 'shared', but its identity on cluster 'fleet\/azure' is bound to 'orders'/);
  });

  test('a job\'s pod template gets the label too', () => {
    const jobs = synthFleet(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addNodePool('general');
      new BatchJob(fleet, 'nightly', { ...base([aks], { identity: { azure: IDENTITY.azure } }), schedule: '0 2 * * *' });
    });
    const objs = objects(jobs, 'azure', 'nightly');
    const template = objs.CronJob?.spec.jobTemplate.spec.template ?? objs.Job.spec.template;
    expect(template.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(resourcesOf(jobs, 'azure-addons', 'azurerm_federated_identity_credential', 'nightly')[0].subject).toBe('system:serviceaccount:apps:nightly');
  });

  test('an identity block for a cloud the workload is not placed on is a warning', () => {
    const warned = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      eks.addNodePool('general');
      new Workload(fleet, 'orders', base([eks], { identity: IDENTITY }));
    });
    const messages = warned.manifest.warnings.map((w: any) => w.message).filter((m: string) => m.startsWith('identity.')).sort();
    expect(messages).toEqual([
      'identity.azure is unused: the workload is placed on no AKS cluster, so no AKS identity is created',
      'identity.gcp is unused: the workload is placed on no GKE cluster, so no GKE identity is created',
    ]);
  });

  test('names are deterministic, and long ones are cut with a hash within each cloud\'s limit', () => {
    const again = synthFleet(build);
    const a = readTree(out.outdir);
    const b = readTree(again.outdir);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, content] of a) expect(b.get(file)).toBe(content);
    const long = 'a'.repeat(40);
    const named = synthFleet(fleet => {
      const eks = new EksCluster(fleet, `c${'x'.repeat(30)}`, { region: 'us-east-1' });
      const aks = new AksCluster(fleet, `z${'y'.repeat(50)}`, { location: 'westeurope' });
      const gke = new GkeCluster(fleet, 'g', { project: 'acme-prod', region: 'us-central1' });
      ([eks, aks, gke] as ICluster[]).forEach(c => c.addNodePool('general'));
      new Workload(fleet, long, base([eks, aks, gke], {
        namespace: `n${'s'.repeat(60)}`,
        identity: { aws: IDENTITY.aws, azure: IDENTITY.azure, gcp: { roles: ['roles/pubsub.subscriber'], impersonateServiceAccount: true } },
      }));
    });
    const role: any = Object.values(named.stack(`c${'x'.repeat(30)}-addons`).resource.aws_iam_role)
      .find((r: any) => r['//'].metadata.path.includes('workload-identity'));
    expect(role.name).toHaveLength(64);
    expect(role.name).toMatch(/^cx+-workload-ns+-[0-9a-f]{8}$/);
    const identity: any = Object.values(named.stack(`z${'y'.repeat(50)}-addons`).resource.azurerm_user_assigned_identity)[0];
    expect(identity.name.length).toBeLessThanOrEqual(128);
    expect(identity.name).toMatch(/^zy+-workload-ns+-[0-9a-f]{8}$/);
    const credential: any = Object.values(named.stack(`z${'y'.repeat(50)}-addons`).resource.azurerm_federated_identity_credential)[0];
    expect(credential.name.length).toBeLessThanOrEqual(120);
    const account: any = Object.values(named.stack('g-addons').resource.google_service_account)[0];
    expect(account.account_id).toMatch(/^a{21}-[0-9a-f]{8}$/);
  });

  test('names cut to the same start still differ by their hash, and a name starting with a digit gets a letter for Google', () => {
    const fleet = new Fleet({ outdir: '/tmp/unused-identity' });
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
    const a = new Workload(fleet, `${'a'.repeat(55)}-one`, base([eks]));
    const b = new Workload(fleet, `${'a'.repeat(55)}-two`, base([eks]));
    const digit = new Workload(fleet, '9lives', base([eks]));
    const [na, nb] = [workloadIdentityNames(a, eks), workloadIdentityNames(b, eks)];
    expect(na.iamRole.slice(0, 55)).toBe(nb.iamRole.slice(0, 55));
    expect(na.iamRole).not.toBe(nb.iamRole);
    expect(na.googleServiceAccountId).not.toBe(nb.googleServiceAccountId);
    expect(workloadIdentityNames(digit, eks).googleServiceAccountId).toMatch(/^w-9lives-[0-9a-f]{8}$/);
  });
});

describe('workload identity: bad input', () => {
  const make = (identity: any) => () => {
    const fleet = new Fleet({ outdir: '/tmp/unused-identity' });
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
    new Workload(fleet, 'orders', base([eks], { identity }));
  };

  test.each([
    ['an empty identity', {}, /workload 'fleet\/orders': identity is empty/],
    ['aws without grants', { aws: {} }, /identity.aws grants nothing/],
    ['a policy name instead of an ARN', { aws: { managedPolicyArns: ['AmazonS3ReadOnlyAccess'] } }, /identity.aws.managedPolicyArns\[0\] 'AmazonS3ReadOnlyAccess' is not an IAM policy ARN; use 'arn:aws:iam::aws:policy\/<name>'/],
    ['an ARN with a short account', { aws: { managedPolicyArns: ['arn:aws:iam::12345:policy/x'] } }, /managedPolicyArns\[0\] 'arn:aws:iam::12345:policy\/x' is not an IAM policy ARN/],
    ['a non-IAM ARN', { aws: { managedPolicyArns: ['arn:aws:s3:::bucket'] } }, /is not an IAM policy ARN/],
    ['21 managed policies', { aws: { managedPolicyArns: Array.from({ length: 21 }, (_, i) => `arn:aws:iam::111122223333:policy/p${i}`) } }, /has 21 policies; IAM attaches at most 20/],
    ['inline policy that is not JSON', { aws: { inlinePolicyJson: '{"Statement": [' } }, /identity.aws.inlinePolicyJson '\{"Statement": \[' is not JSON/],
    ['a document without Statement', { aws: { inlinePolicyJson: '{"Version":"2012-10-17"}' } }, /is not an IAM policy document; it needs a non-empty "Statement"/],
    ['a statement with a bad Effect', { aws: { inlinePolicyJson: '{"Statement":{"Effect":"Maybe","Action":"s3:*"}}' } }, /Statement\[0\] .* needs "Effect" \('Allow' or 'Deny'\)/],
    ['a statement with a Principal', { aws: { inlinePolicyJson: '{"Statement":[{"Effect":"Allow","Action":"s3:*","Principal":"*","Resource":"*"}]}' } }, /Statement\[0\] has a Principal/],
    ['an inline policy over 10240 characters', { aws: { inlinePolicyJson: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 400 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] }) } },
      /inlinePolicyJson is \d+ characters without whitespace; IAM allows 10240/],
    ['no GCP roles', { gcp: { roles: [] } }, /identity.gcp.roles is empty/],
    ['a GCP role without roles/', { gcp: { roles: ['storage.objectViewer'] } }, /identity.gcp.roles\[0\] 'storage.objectViewer' is not an IAM role name \(did you mean 'roles\/storage.objectViewer'\?\); use 'roles\/<service>.<role>'/],
    ['an empty GCP role', { gcp: { roles: ['roles/'] } }, /roles\[0\] 'roles\/' is not an IAM role name/],
    ['a custom role of a bad project id', { gcp: { roles: ['projects/x/roles/custom'] } }, /'projects\/x\/roles\/custom' is not an IAM role name/],
    ['a basic GCP role', { gcp: { roles: ['roles/editor'] } }, /'roles\/editor' is a basic role/],
    ['no Azure assignments', { azure: { roleAssignments: [] } }, /identity.azure.roleAssignments is empty/],
    ['a role name with a leading space', { azure: { roleAssignments: [{ roleDefinitionName: ' Reader', scope: `/subscriptions/${SUB}` }] } }, /roleAssignments\[0\].roleDefinitionName ' Reader' is not a role name/],
    ['a resource group name as scope', { azure: { roleAssignments: [{ roleDefinitionName: 'Reader', scope: 'rg-data' }] } },
      /roleAssignments\[0\].scope 'rg-data' is not an Azure scope; use '\/subscriptions\/<subscription id>'/],
    ['a subscription that is not a GUID', { azure: { roleAssignments: [{ roleDefinitionName: 'Reader', scope: '/subscriptions/acme' }] } }, /scope '\/subscriptions\/acme' is not an Azure scope/],
    ['a provider namespace without a resource', { azure: { roleAssignments: [{ roleDefinitionName: 'Reader', scope: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage` }] } }, /is not an Azure scope/],
  ])('%s is rejected', (_what, identity, message) => {
    expect(make(identity)).toThrow(message);
  });

  test('accepted forms', () => {
    expect(make({
      aws: { managedPolicyArns: ['arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess'], inlinePolicyJson: '{"Statement":{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}}' },
      gcp: { roles: ['roles/storage.objectViewer', 'projects/acme-prod/roles/ordersReader', 'organizations/123456/roles/auditor'] },
      azure: {
        roleAssignments: [
          { roleDefinitionName: 'Reader', scope: `/subscriptions/${SUB}` },
          { roleDefinitionName: 'Key Vault Secrets User', scope: `/subscriptions/${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/acme-kv` },
          { roleDefinitionName: 'Reader', scope: '/providers/Microsoft.Management/managementGroups/platform' },
        ],
      },
    })).not.toThrow();
  });
});
