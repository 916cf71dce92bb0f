import { IPolicyPack, PolicyFinding, PolicyInput, PolicyLevel, PolicyMode, PolicyRule } from 'cdk-fleet';

/** The label every Acme pod owner carries: who to page. */
export const OWNER_LABEL = 'acme.example/owner';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/**
 * Acme's own policy pack: every workload object (Deployment, StatefulSet, DaemonSet,
 * Job, CronJob) carries the `acme.example/owner` label.
 */
export class AcmeOwnershipPack implements IPolicyPack {
  public readonly id = 'acme-ownership';
  public readonly version = '1.0.0';
  public readonly mode?: PolicyMode = PolicyMode.ENFORCE;
  public readonly rules: PolicyRule[] = [{
    id: 'ACME-001',
    level: PolicyLevel.ERROR,
    description: `Workload objects carry the ${OWNER_LABEL} label`,
    fixHint: `Set the ${OWNER_LABEL} label (GoldenPathService does it from its owner prop).`,
  }];

  public evaluate(input: PolicyInput): PolicyFinding[] {
    const findings: PolicyFinding[] = [];
    for (const entry of input.kubernetes) {
      const obj = entry.object;
      if (!WORKLOAD_KINDS.includes(obj.kind)) continue;
      const owner = obj.metadata?.labels?.[OWNER_LABEL];
      if (typeof owner === 'string' && owner.length > 0) continue;
      findings.push({
        ruleId: 'ACME-001',
        message: `${obj.kind} '${obj.metadata?.namespace}/${obj.metadata?.name}' has no ${OWNER_LABEL} label`,
        constructPath: entry.constructPath,
        file: entry.file,
        jsonPath: 'metadata.labels',
      });
    }
    return findings;
  }
}
