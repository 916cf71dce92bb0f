import { IConstruct } from 'constructs';
import { KedaCloudTrigger } from './keda-identity';
import { ClusterStack } from '../clusters/cluster-stack';
import { Capability } from '../core/capability';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError } from '../core/errors';
import { addFleetWarning, WarningId } from '../core/warnings';
import { KEDA_POD_IDENTITY_PROVIDER, KEDA_SCALER_AUTH } from '../workloads/keda-auth';

/**
 * Makes sure every TriggerAuthentication a cloud trigger references has an identity behind it.
 * When the fleet installs KEDA (`installed`), it gives the operator the identity, so only
 * triggers whose permission the fleet cannot grant fail. When the team runs KEDA itself
 * (`provides: [Capability.KEDA]`), the TriggerAuthentication is still emitted and each workload
 * gets a warning naming the permission the team must give its operator. Anything else fails:
 * the TriggerAuthentication would name an identity nobody provides.
 */
export function checkKedaCloudAuth(cluster: ClusterStack, triggers: KedaCloudTrigger[], installed: boolean): void {
  if (triggers.length === 0) return;
  const provider = KEDA_POD_IDENTITY_PROVIDER[cluster.cloud];
  const problems: string[] = [];
  for (const t of triggers) {
    const auth = KEDA_SCALER_AUTH[t.trigger.type];
    const what = `agentService '${t.workload}': eventScaling.triggers[${t.index}] (${t.trigger.type}) on cluster '${cluster.node.path}' ` +
      `authenticates as the KEDA operator (TriggerAuthentication podIdentity.provider ${provider})`;
    if (cluster.provides.includes(Capability.KEDA) && !installed) {
      warnOnce(t.scope, `${what}; KEDA is installed outside the fleet (provides: [Capability.KEDA]), so the fleet gives its operator ` +
        `no cloud identity: give the operator's service account ${auth.permission}`);
      continue;
    }
    if (!installed) {
      problems.push(`${what}, but nothing provides KEDA with an operator identity (Capability.KEDA): leave addons.keda unset so the fleet installs ` +
        `KEDA and grants its operator ${auth.permission}, or run KEDA yourself with that permission and declare provides: [Capability.KEDA]`);
    } else if (auth.unprovisionable) {
      problems.push(`${what}, but the fleet cannot grant its operator ${auth.permission}: ${auth.unprovisionable}; run KEDA yourself with that ` +
        'permission (addons.keda: false) and declare provides: [Capability.KEDA], or scale on another trigger');
    }
  }
  if (problems.length > 0) {
    throw new FleetValidationError(`synth: ${problems.length} KEDA trigger(s) without a cloud identity:\n  ${problems.join('\n  ')}`, cluster.node.path, ErrorCode.CAPABILITY);
  }
}

/** Adds a warning to `scope` unless an earlier synth of the same fleet added it. */
function warnOnce(scope: IConstruct, message: string): void {
  if (scope.node.metadata.some(m => m.data === message)) return;
  addFleetWarning(scope, WarningId.KEDA_OPERATOR_PERMISSION_NEEDED, message);
}
