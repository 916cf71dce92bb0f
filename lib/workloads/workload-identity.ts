import { IConstruct } from 'constructs';
import { invalid, show } from '../core/errors';

/**
 * The AWS permissions of a workload's pods on EKS, through EKS Pod Identity: an IAM role
 * trusted by `pods.eks.amazonaws.com`, associated with the workload's service account.
 */
export interface AwsWorkloadIdentity {
  /**
   * ARNs of IAM managed policies attached to the role
   * (`arn:aws:iam::aws:policy/ReadOnlyAccess`, `arn:aws:iam::111122223333:policy/orders-reader`).
   * At most 20 (IAM's hard limit; the default quota is 10).
   * @default - none (then `inlinePolicyJson` is required)
   */
  readonly managedPolicyArns?: string[];
  /**
   * An IAM policy document (JSON with `Statement`) put on the role as its inline policy.
   * @default - none (then `managedPolicyArns` is required)
   */
  readonly inlinePolicyJson?: string;
}

/**
 * The Google Cloud permissions of a workload's pods on GKE, through Workload Identity
 * Federation for GKE.
 */
export interface GcpWorkloadIdentity {
  /**
   * IAM roles granted on the cluster's project: predefined (`roles/storage.objectViewer`) or
   * custom (`projects/<project>/roles/<id>`, `organizations/<number>/roles/<id>`).
   */
  readonly roles: string[];
  /**
   * Impersonate a Google service account (created per cluster, granted `roles`) instead of
   * granting `roles` to the Kubernetes service account's federated principal directly. Google
   * recommends direct grants; impersonation is for the few APIs that do not accept federated
   * principals (see Google's Workload Identity Federation for GKE limitations).
   * @default false
   */
  readonly impersonateServiceAccount?: boolean;
}

/** An Azure role given to a workload's identity at one scope. */
export interface AzureRoleAssignment {
  /** Name of a built-in or custom role, e.g. `Storage Blob Data Reader`. */
  readonly roleDefinitionName: string;
  /**
   * Resource id the role applies to: a subscription (`/subscriptions/<id>`), a resource group
   * (`.../resourceGroups/<name>`), a resource (`.../providers/<Namespace>/<type>/<name>`, child
   * resources allowed) or a management group (`/providers/Microsoft.Management/managementGroups/<id>`).
   */
  readonly scope: string;
}

/**
 * The Azure permissions of a workload's pods on AKS, through Microsoft Entra Workload ID: a
 * user-assigned managed identity federated with the workload's service account.
 */
export interface AzureWorkloadIdentity {
  /** Roles the identity is given. */
  readonly roleAssignments: AzureRoleAssignment[];
}

/**
 * Per-cloud permissions a workload's pods get through the cluster's workload identity
 * (EKS Pod Identity, Workload Identity Federation for GKE, Microsoft Entra Workload ID).
 * Each block applies on the clusters of its cloud the workload is placed on; a block for a
 * cloud the workload is not placed on is a warning at synth (a golden-path preset may name
 * every cloud once).
 */
export interface WorkloadIdentity {
  /**
   * Permissions on EKS clusters.
   * @default - no AWS identity
   */
  readonly aws?: AwsWorkloadIdentity;
  /**
   * Permissions on GKE clusters.
   * @default - no Google Cloud identity
   */
  readonly gcp?: GcpWorkloadIdentity;
  /**
   * Permissions on AKS clusters.
   * @default - no Azure identity
   */
  readonly azure?: AzureWorkloadIdentity;
}

const KIND = 'workload';
/** IAM's hard limit of managed policies per role. */
const MAX_MANAGED_POLICIES = 20;
/** IAM's limit on a role's inline policies, in characters without whitespace. */
const MAX_INLINE_POLICY = 10240;
const POLICY_ARN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}|aws):policy\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
const GCP_ROLE = /^(roles\/[A-Za-z0-9_.]{1,128}|projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/roles\/[A-Za-z0-9_.]{3,64}|organizations\/\d{1,32}\/roles\/[A-Za-z0-9_.]{3,64})$/;
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const AZURE_SCOPE = new RegExp(
  `^(/subscriptions/${GUID}(/resourceGroups/[-\\w.()]{1,90}(/providers/[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+(/[^/\\s]+/[^/\\s]+)+)?)?` +
  '|/providers/Microsoft\\.Management/managementGroups/[-\\w.()]{1,90})$', 'i');
const AZURE_SCOPE_ACCEPTED = "'/subscriptions/<subscription id>', '.../resourceGroups/<group>', " +
  "'.../resourceGroups/<group>/providers/<Namespace>/<type>/<name>' or '/providers/Microsoft.Management/managementGroups/<id>'";

/** Checks a workload's `identity` at construction: every grant is well formed and every block grants something. */
export function checkWorkloadIdentity(scope: IConstruct, identity: WorkloadIdentity | undefined): void {
  if (identity === undefined) return;
  if (identity.aws === undefined && identity.gcp === undefined && identity.azure === undefined) {
    invalid(KIND, scope, 'identity is empty; give at least one of aws, gcp or azure, or leave identity out');
  }
  if (identity.aws !== undefined) checkAws(scope, identity.aws);
  if (identity.gcp !== undefined) checkGcp(scope, identity.gcp);
  if (identity.azure !== undefined) checkAzure(scope, identity.azure);
}

function checkAws(scope: IConstruct, aws: AwsWorkloadIdentity): void {
  const arns = aws.managedPolicyArns ?? [];
  if (arns.length === 0 && aws.inlinePolicyJson === undefined) {
    invalid(KIND, scope, 'identity.aws grants nothing; give managedPolicyArns or inlinePolicyJson');
  }
  arns.forEach((arn, i) => {
    if (typeof arn !== 'string' || !POLICY_ARN.test(arn)) {
      invalid(KIND, scope, `identity.aws.managedPolicyArns[${i}] ${show(arn)} is not an IAM policy ARN; ` +
        "use 'arn:aws:iam::aws:policy/<name>' (AWS managed) or 'arn:aws:iam::<12-digit account>:policy/<path/><name>'");
    }
  });
  const distinct = new Set(arns).size;
  if (distinct > MAX_MANAGED_POLICIES) {
    invalid(KIND, scope, `identity.aws.managedPolicyArns has ${distinct} policies; IAM attaches at most ${MAX_MANAGED_POLICIES} to a role, so merge some into inlinePolicyJson`);
  }
  if (aws.inlinePolicyJson !== undefined) inlinePolicyProblem(scope, aws.inlinePolicyJson);
}

function inlinePolicyProblem(scope: IConstruct, json: string): void {
  let doc: any;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    invalid(KIND, scope, `identity.aws.inlinePolicyJson ${show(json)} is not JSON (${(e as Error).message}); give an IAM policy document such as ` +
      '\'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}\'');
  }
  const statements = doc?.Statement;
  const list = Array.isArray(statements) ? statements : statements !== undefined ? [statements] : [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || list.length === 0) {
    invalid(KIND, scope, `identity.aws.inlinePolicyJson ${show(json)} is not an IAM policy document; it needs a non-empty "Statement" (an object or a list)`);
  }
  list.forEach((s: any, i: number) => {
    if (typeof s !== 'object' || s === null || (s.Effect !== 'Allow' && s.Effect !== 'Deny') || (s.Action === undefined && s.NotAction === undefined)) {
      invalid(KIND, scope, `identity.aws.inlinePolicyJson Statement[${i}] ${show(s)} needs "Effect" ('Allow' or 'Deny') and "Action" (or "NotAction")`);
    }
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) {
      invalid(KIND, scope, `identity.aws.inlinePolicyJson Statement[${i}] has a Principal; an identity policy names no principal (the role is the principal), so remove it`);
    }
  });
  const size = JSON.stringify(doc).length;
  if (size > MAX_INLINE_POLICY) {
    invalid(KIND, scope, `identity.aws.inlinePolicyJson is ${size} characters without whitespace; IAM allows ${MAX_INLINE_POLICY} for a role's inline policies, so move statements into managed policies`);
  }
}

function checkGcp(scope: IConstruct, gcp: GcpWorkloadIdentity): void {
  const roles = gcp.roles ?? [];
  if (roles.length === 0) invalid(KIND, scope, "identity.gcp.roles is empty; name at least one role, e.g. 'roles/storage.objectViewer'");
  roles.forEach((role, i) => {
    if (typeof role !== 'string' || !GCP_ROLE.test(role)) {
      const hint = typeof role === 'string' && /^[a-z]+\.[A-Za-z]+$/.test(role) ? ` (did you mean 'roles/${role}'?)` : '';
      invalid(KIND, scope, `identity.gcp.roles[${i}] ${show(role)} is not an IAM role name${hint}; use 'roles/<service>.<role>' (predefined), ` +
        "'projects/<project>/roles/<id>' or 'organizations/<number>/roles/<id>' (custom)");
    }
    if (role === 'roles/owner' || role === 'roles/editor') {
      invalid(KIND, scope, `identity.gcp.roles[${i}] '${role}' is a basic role that grants almost every permission in the project; grant the predefined roles the workload needs`);
    }
  });
}

function checkAzure(scope: IConstruct, azure: AzureWorkloadIdentity): void {
  const assignments = azure.roleAssignments ?? [];
  if (assignments.length === 0) {
    invalid(KIND, scope, "identity.azure.roleAssignments is empty; give at least one { roleDefinitionName: 'Storage Blob Data Reader', scope: '/subscriptions/...' }");
  }
  assignments.forEach((a, i) => {
    const name = a?.roleDefinitionName;
    if (typeof name !== 'string' || name.trim() !== name || name.length === 0 || name.length > 512) {
      invalid(KIND, scope, `identity.azure.roleAssignments[${i}].roleDefinitionName ${show(name)} is not a role name; ` +
        "give the role's name as Azure shows it (1-512 characters, no leading or trailing spaces), e.g. 'Storage Blob Data Reader'");
    }
    if (typeof a.scope !== 'string' || !AZURE_SCOPE.test(a.scope)) {
      invalid(KIND, scope, `identity.azure.roleAssignments[${i}].scope ${show(a.scope)} is not an Azure scope; use ${AZURE_SCOPE_ACCEPTED}`);
    }
  });
}
