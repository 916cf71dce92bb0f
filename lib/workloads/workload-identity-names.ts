import type { WorkloadBase } from './workload-base';
import { ICluster } from '../clusters/cluster';
import { FleetValidationError } from '../core/errors';
import { sha256 } from '../core/stable-json';

/**
 * Cloud names of a workload's identity on one cluster. Deterministic (from the cluster, the
 * namespace and the workload's name only) and within each cloud's limits: a name that would
 * be too long keeps its readable start and ends in 8 hex digits of a hash of the whole.
 */
export interface WorkloadIdentityNames {
  /** The Kubernetes service account the pods run as (the workload's own). */
  readonly serviceAccount: string;
  /** EKS: IAM role name (1-64 of `[\w+=,.@-]`). */
  readonly iamRole: string;
  /** GKE with impersonation: Google service account id (6-30 of `[a-z][-a-z0-9]*[a-z0-9]`). */
  readonly googleServiceAccountId: string;
  /** AKS: user-assigned managed identity name (3-128 of `[A-Za-z0-9_-]`, starting alphanumeric). */
  readonly managedIdentity: string;
  /** AKS: federated identity credential name (3-120 of `[A-Za-z0-9_-]`, starting alphanumeric). */
  readonly federatedCredential: string;
}

const IAM_ROLE = /^[\w+=,.@-]{1,64}$/;
const GSA_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const MANAGED_IDENTITY = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;
const FEDERATED_CREDENTIAL = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;

/** The names of `w`'s identity on `cluster`; throws if a derived name breaks its cloud's rules. */
export function workloadIdentityNames(w: WorkloadBase, cluster: ICluster): WorkloadIdentityNames {
  const ns = w.namespace;
  const name = w.workloadName;
  const hash = sha256(`${cluster.clusterName}/${ns}/${name}`).slice(0, 8);
  const fit = (full: string, max: number) => (full.length <= max ? full : `${full.slice(0, max - 9).replace(/[-_.]+$/, '')}-${hash}`);
  const gsaBase = (/^[a-z]/.test(name) ? name : `w-${name}`).slice(0, 21).replace(/-+$/, '');
  const names: WorkloadIdentityNames = {
    serviceAccount: name,
    // `-workload-` keeps them apart from the add-ons' roles and identities (`<cluster>-keda-operator`, ...).
    iamRole: fit(`${cluster.clusterName}-workload-${ns}-${name}`, 64),
    // Google service account ids are unique per project, and one project may hold several clusters.
    googleServiceAccountId: `${gsaBase}-${hash}`,
    managedIdentity: fit(`${cluster.clusterName}-workload-${ns}-${name}`, 128),
    federatedCredential: fit(`${ns}-${name}`, 120),
  };
  const rules: Array<[keyof WorkloadIdentityNames, RegExp, string]> = [
    ['iamRole', IAM_ROLE, 'an IAM role name (1-64 letters, digits and +=,.@_-)'],
    ['googleServiceAccountId', GSA_ID, 'a Google service account id (6-30 lowercase letters, digits and hyphens, starting with a letter)'],
    ['managedIdentity', MANAGED_IDENTITY, 'an Azure managed identity name (3-128 letters, digits, hyphens and underscores, starting alphanumeric)'],
    ['federatedCredential', FEDERATED_CREDENTIAL, 'an Azure federated credential name (3-120 letters, digits, hyphens and underscores, starting alphanumeric)'],
  ];
  for (const [key, rule, what] of rules) {
    if (!rule.test(names[key])) {
      throw new FleetValidationError(`workload '${w.node.path}': the identity name '${names[key]}' derived for cluster '${cluster.node.path}' is not ${what}; ` +
        'rename the cluster, namespace or workload', w.node.path);
    }
  }
  return names;
}

/** The email of the Google service account `w` impersonates on a GKE cluster of `project`. */
export function googleServiceAccountEmail(accountId: string, project: string): string {
  return `${accountId}@${project}.iam.gserviceaccount.com`;
}
