import { TerraformOutput } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { PodIdentity } from './eks-pod-identity';
import { AksCluster } from '../clusters/aks/aks-cluster';
import { azurerm } from '../clusters/aks/aks-resources';
import { ClusterStack } from '../clusters/cluster-stack';
import { EksCluster } from '../clusters/eks/eks-cluster';
import { aws } from '../clusters/eks/eks-resources';
import { GkeCluster } from '../clusters/gke/gke-cluster';
import { google } from '../clusters/gke/gke-resources';
import { Cloud } from '../core/cloud';
import { compareStrings } from '../core/compare';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { addFleetWarning, WarningId } from '../core/warnings';
import { WorkloadBase } from '../workloads/workload-base';
import { workloadIdentityNames } from '../workloads/workload-identity-names';
import { hasIdentityOn } from '../workloads/workload-identity-objects';

/**
 * The workloads on `cluster` with an identity block for its cloud, whose cloud side the
 * cluster's add-ons stack holds (it can reference the cluster's outputs, like the KEDA
 * operator's identity in keda-identity.ts).
 */
export function identityWorkloads(cluster: ClusterStack, workloads: WorkloadBase[]): WorkloadBase[] {
  return workloads.filter(w => hasIdentityOn(w, cluster)
    && !(cluster instanceof GkeCluster && !w.commonProps.identity!.gcp!.impersonateServiceAccount && projectGrantsOwner(w, cluster) !== cluster));
}

/**
 * The GKE cluster whose add-ons stack makes `w`'s direct grants in the project of `gke`: the
 * principal of a Kubernetes service account is the same on every cluster of a project, so the
 * grants are made once, by the first of the workload's GKE clusters in the project (by path).
 */
function projectGrantsOwner(w: WorkloadBase, gke: GkeCluster): GkeCluster {
  return w.placedOn.filter((c): c is GkeCluster => c instanceof GkeCluster && c.project === gke.project)
    .sort((a, b) => compareStrings(a.node.path, b.node.path))[0] ?? gke;
}

/**
 * Warns about identity blocks for a cloud none of the workload's clusters runs on: they grant
 * nothing. A warning, not an error, so that one golden-path preset can name every cloud and
 * be placed by `clusterSelector` on whichever clusters match.
 */
export function warnUnusedIdentities(workloads: Iterable<WorkloadBase>): void {
  for (const w of workloads) {
    const identity = w.commonProps.identity;
    if (!identity) continue;
    const clouds = new Set(w.placedOn.map(c => c.cloud));
    const unused = ([['aws', Cloud.AWS, 'EKS'], ['gcp', Cloud.GCP, 'GKE'], ['azure', Cloud.AZURE, 'AKS']] as const)
      .filter(([key, cloud]) => identity[key] !== undefined && !clouds.has(cloud));
    for (const [key, , kind] of unused) {
      const message = `identity.${key} is unused: the workload is placed on no ${kind} cluster, so no ${kind} identity is created`;
      // A second synth of the same fleet runs this again: warn once.
      if (!w.node.metadata.some(m => m.data === message)) addFleetWarning(w, WarningId.WORKLOAD_IDENTITY_UNUSED, message);
    }
  }
}

/** Adds the cloud side of each workload's identity on `cluster` to the add-ons stack `scope`. */
export function addWorkloadIdentities(scope: Construct, cluster: ClusterStack, workloads: WorkloadBase[]): void {
  const sorted = [...workloads].sort((a, b) => compareStrings(`${a.namespace}/${a.workloadName}`, `${b.namespace}/${b.workloadName}`));
  for (const w of sorted) {
    const group = new Construct(scope, `workload-identity-${w.namespace}-${w.workloadName}`);
    if (cluster instanceof EksCluster) eksIdentity(scope, group, cluster, w);
    else if (cluster instanceof GkeCluster) gkeIdentity(scope, group, cluster, w);
    else if (cluster instanceof AksCluster) aksIdentity(scope, group, cluster, w);
    else throw new FleetValidationError(`workload '${w.node.path}': cluster '${cluster.node.path}' has no workload identity this fleet can bind`, w.node.path, ErrorCode.CAPABILITY);
  }
}

/** A provider of the stack, created once however many identities (and add-ons) need it. */
function provider(scope: IConstruct, id: string, create: () => IConstruct): void {
  if (!scope.node.tryFindChild(id)) create();
}

/**
 * EKS Pod Identity (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html): a
 * role trusted by `pods.eks.amazonaws.com` for `sts:AssumeRole` and `sts:TagSession`, its
 * policies, and an association of the cluster, namespace and service account with it. The
 * cluster stack installs the `eks-pod-identity-agent` add-on that hands the pods the credentials.
 */
function eksIdentity(stack: Construct, group: Construct, eks: EksCluster, w: WorkloadBase): void {
  provider(stack, 'aws', () => new aws.AwsProvider(stack, 'aws', { region: eks.region }));
  const names = workloadIdentityNames(w, eks);
  const spec = w.commonProps.identity!.aws!;
  new PodIdentity(group, 'pod-identity', {
    clusterName: eks.clusterName,
    roleName: names.iamRole,
    namespace: w.namespace,
    serviceAccount: names.serviceAccount,
    ...(spec.inlinePolicyJson !== undefined ? { policyJson: JSON.stringify(JSON.parse(spec.inlinePolicyJson)) } : {}),
    managedPolicyArns: [...new Set(spec.managedPolicyArns ?? [])].sort(compareStrings),
  });
}

/**
 * Workload Identity Federation for GKE (https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity).
 * Google's recommended way grants the roles to the Kubernetes service account's principal,
 * `principal://iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<project>.svc.id.goog/subject/ns/<ns>/sa/<sa>`.
 * That principal is the same on every cluster of the project, so the grant is made once (see
 * projectGrantsOwner).
 * With `impersonateServiceAccount` ("link Kubernetes ServiceAccounts to IAM"): a Google service
 * account per cluster holds the roles and lets `serviceAccount:<project>.svc.id.goog[<ns>/<sa>]`
 * impersonate it (`roles/iam.workloadIdentityUser`); the Kubernetes side annotates the service account.
 * The cluster runs with the workload pool and its pools with the GKE metadata server (GkeCluster).
 */
function gkeIdentity(stack: Construct, group: Construct, gke: GkeCluster, w: WorkloadBase): void {
  const spec = w.commonProps.identity!.gcp!;
  const names = workloadIdentityNames(w, gke);
  const roles = [...new Set(spec.roles)].sort(compareStrings);
  if (spec.impersonateServiceAccount) {
    provider(stack, 'google', () => new google.GoogleProvider(stack, 'google', { project: gke.project, region: gke.region }));
    const account = new google.ServiceAccount(group, 'service-account', {
      project: gke.project,
      accountId: names.googleServiceAccountId,
      displayName: `${w.namespace}/${w.workloadName} on ${gke.clusterName}`,
    });
    roles.forEach((role, i) => new google.ProjectIamMember(group, `role-${i}`, { project: gke.project, role, member: `serviceAccount:${account.email}` }));
    new google.ServiceAccountIamMember(group, 'workload-identity-user', {
      serviceAccountId: account.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:${gke.workloadPool}[${w.namespace}/${names.serviceAccount}]`,
    });
    return;
  }
  if (projectGrantsOwner(w, gke) !== gke) return;
  provider(stack, 'google', () => new google.GoogleProvider(stack, 'google', { project: gke.project, region: gke.region }));
  const projectId = 'workload-identity-project';
  const project = (stack.node.tryFindChild(projectId) as InstanceType<typeof google.DataGoogleProject> | undefined)
    ?? new google.DataGoogleProject(stack, projectId, { projectId: gke.project });
  const member = `principal://iam.googleapis.com/projects/${project.number}/locations/global/workloadIdentityPools/${gke.workloadPool}` +
    `/subject/ns/${w.namespace}/sa/${names.serviceAccount}`;
  roles.forEach((role, i) => new google.ProjectIamMember(group, `role-${i}`, { project: gke.project, role, member }));
}

/**
 * Microsoft Entra Workload ID on AKS (https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster):
 * a user-assigned managed identity, a federated identity credential that trusts the cluster's
 * OIDC issuer for `system:serviceaccount:<ns>:<sa>` with audience `api://AzureADTokenExchange`,
 * and the role assignments. The cluster has `oidc_issuer_enabled` and `workload_identity_enabled`
 * (AksCluster). The identity's client id is known only once Azure has created it, so the stack
 * outputs it (`workload-identity-<ns>-<name>-client-id`) for the service account's
 * `azure.workload.identity/client-id` annotation.
 */
function aksIdentity(stack: Construct, group: Construct, aks: AksCluster, w: WorkloadBase): void {
  provider(stack, 'azurerm', () => new azurerm.AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: aks.subscriptionId }));
  const names = workloadIdentityNames(w, aks);
  const identity = new azurerm.UserAssignedIdentity(group, 'identity', {
    name: names.managedIdentity,
    resourceGroupName: aks.resourceGroupName,
    location: aks.location,
  });
  new azurerm.FederatedIdentityCredential(group, 'federation', {
    name: names.federatedCredential,
    resourceGroupName: aks.resourceGroupName,
    parentId: identity.id,
    audience: ['api://AzureADTokenExchange'],
    issuer: aks.oidcIssuerUrl,
    subject: `system:serviceaccount:${w.namespace}:${names.serviceAccount}`,
  });
  const assignments = new Map<string, { scope: string; role: string }>();
  for (const a of w.commonProps.identity!.azure!.roleAssignments) assignments.set(`${a.scope.toLowerCase()}|${a.roleDefinitionName}`, { scope: a.scope, role: a.roleDefinitionName });
  [...assignments.keys()].sort(compareStrings).forEach((key, i) => {
    const a = assignments.get(key)!;
    new azurerm.RoleAssignment(group, `role-${i}`, {
      scope: a.scope, roleDefinitionName: a.role, principalId: identity.principalId, principalType: 'ServicePrincipal',
    });
  });
  new TerraformOutput(stack, `workload-identity-${w.namespace}-${w.workloadName}-client-id`, {
    value: identity.clientId,
    description: `Client id of ${w.namespace}/${w.workloadName}'s identity: the azure.workload.identity/client-id annotation of its service account`,
  });
}
