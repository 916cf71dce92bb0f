import { Team } from './team';
import { TeamPlacements } from './team-placement';
import { AksCluster } from '../clusters/aks/aks-cluster';
import { azurerm } from '../clusters/aks/aks-resources';
import { ClusterStack } from '../clusters/cluster-stack';
import { EksCluster } from '../clusters/eks/eks-cluster';
import { aws } from '../clusters/eks/eks-resources';
import { GkeCluster } from '../clusters/gke/gke-cluster';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { addFleetWarning, WarningId } from '../core/warnings';

/**
 * Namespace-scoped edit rights on EKS through access entries
 * (https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html):
 * like the `edit` ClusterRole, limited to the namespaces of the access scope.
 */
export const EKS_TEAM_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy';

/**
 * Built-in Azure role for read/write access to most objects of a namespace when it is
 * assigned at `<cluster id>/namespaces/<namespace>` scope
 * (https://learn.microsoft.com/azure/aks/manage-azure-rbac).
 */
export const AKS_TEAM_ROLE = 'Azure Kubernetes Service RBAC Writer';

/**
 * Built-in Azure role that only lets a principal fetch the cluster's user kubeconfig
 * (`listClusterUserCredential`), which members need before namespace rights are any use
 * (https://learn.microsoft.com/azure/aks/control-kubeconfig-access); it grants nothing
 * inside the cluster.
 */
export const AKS_CLUSTER_USER_ROLE = 'Azure Kubernetes Service Cluster User Role';

/**
 * Gives every team's members edit rights in the team's namespaces on each cluster it
 * may use, through the cluster's cloud: an EKS access entry plus a namespace-scoped
 * `AmazonEKSEditPolicy` association per IAM principal (tagged with the team's cost
 * labels); on GKE, Google Groups for RBAC on the cluster (`gke-security-groups@<domain>`,
 * https://cloud.google.com/kubernetes-engine/docs/how-to/google-groups-rbac; the
 * RoleBindings are Kubernetes objects of the team); on AKS, an `Azure Kubernetes Service
 * RBAC Writer` assignment per Entra group and namespace, plus the cluster user role
 * that lets the group fetch a kubeconfig. Runs once per synth; fails when
 * one principal is in two teams (or is an admin) on one EKS cluster, or when teams on one
 * GKE cluster use Google Groups of different domains.
 */
export function addTeamAccess(placements: TeamPlacements): void {
  for (const [cluster, teams] of placements) {
    if (cluster._isImported()) importedAccess(cluster, teams);
    else if (cluster instanceof EksCluster) eksAccess(cluster, teams);
    else if (cluster instanceof GkeCluster) gkeAccess(cluster, teams);
    else if (cluster instanceof AksCluster) aksAccess(cluster, teams);
  }
}

/** An imported cluster's access configuration is not the fleet's to change: the teams get a warning instead of grants. */
function importedAccess(cluster: ClusterStack, teams: readonly Team[]): void {
  addFleetWarning(cluster, WarningId.IMPORTED_CLUSTER_NO_TEAM_ACCESS, `teams ${teams.map(t => `'${t.teamName}'`).join(', ')} get their namespaces, quotas and RBAC objects on this imported ` +
    "cluster, but no cloud access grants: the fleet does not change an imported cluster's access configuration; grant their members access yourself");
}

function childId(cluster: ClusterStack, id: string): boolean {
  return cluster.node.tryFindChild(id) !== undefined;
}

function eksAccess(cluster: EksCluster, teams: readonly Team[]): void {
  const owners = new Map<string, string>();
  for (const child of cluster.node.children) {
    if (child instanceof aws.EksAccessEntry && !child.node.id.startsWith('team-')) owners.set(String(child.principalArnInput), `admin '${child.node.path}'`);
  }
  for (const team of teams) {
    (team.members.awsPrincipalArns ?? []).forEach((principalArn, i) => {
      const id = `team-${team.teamName}-${i}`;
      const owner = owners.get(principalArn);
      if (owner && !owner.endsWith(`'${team.node.path}'`)) {
        throw new FleetValidationError(`team '${team.node.path}': principal '${principalArn}' on EKS cluster '${cluster.node.id}' already has an access entry as ${owner}; ` +
          'an IAM principal has one access entry per cluster, so give each team its own role', team.node.path, ErrorCode.CONFLICT);
      }
      owners.set(principalArn, `member of team '${team.node.path}'`);
      if (childId(cluster, id)) return;
      const entry = new aws.EksAccessEntry(cluster, id, {
        clusterName: cluster.cluster.name,
        principalArn,
        type: 'STANDARD',
        tags: { team: team.teamName, ...(team.costCenter ? { 'cost-center': team.costCenter } : {}) },
      });
      new aws.EksAccessPolicyAssociation(cluster, `${id}-policy`, {
        clusterName: cluster.cluster.name,
        principalArn,
        policyArn: EKS_TEAM_POLICY,
        accessScope: { type: 'namespace', namespaces: [...team.namespaces] },
        dependsOn: [entry],
      });
    });
  }
}

function gkeAccess(cluster: GkeCluster, teams: readonly Team[]): void {
  const domains = new Map<string, Team>();
  for (const team of teams) {
    for (const group of team.members.googleGroups ?? []) domains.set(group.split('@')[1].toLowerCase(), team);
  }
  if (domains.size === 0) return;
  if (domains.size > 1) {
    const list = [...domains].map(([d, t]) => `${d} (team '${t.teamName}')`).sort().join(', ');
    throw new FleetValidationError(`cluster '${cluster.node.path}': teams use Google Groups of several domains (${list}); ` +
      'a GKE cluster reads one gke-security-groups@<domain> group, so use groups of one domain', cluster.node.path, ErrorCode.CONFLICT);
  }
  cluster.cluster.putAuthenticatorGroupsConfig({ securityGroup: `gke-security-groups@${[...domains.keys()][0]}` });
}

function aksAccess(cluster: AksCluster, teams: readonly Team[]): void {
  for (const team of teams) {
    (team.members.azureGroupObjectIds ?? []).forEach((principalId, i) => {
      const userId = `team-${team.teamName}-${i}-cluster-user`;
      if (!childId(cluster, userId)) {
        new azurerm.RoleAssignment(cluster, userId, {
          scope: cluster.cluster.id,
          roleDefinitionName: AKS_CLUSTER_USER_ROLE,
          principalId,
          principalType: 'Group',
        });
      }
      for (const namespace of team.namespaces) {
        const id = `team-${team.teamName}-${i}-${namespace}`;
        if (childId(cluster, id)) continue;
        new azurerm.RoleAssignment(cluster, id, {
          scope: `${cluster.cluster.id}/namespaces/${namespace}`,
          roleDefinitionName: AKS_TEAM_ROLE,
          principalId,
          principalType: 'Group',
        });
      }
    });
  }
}
