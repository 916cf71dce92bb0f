/**
 * The stable codes of cdk-fleet's errors: one per kind of mistake, not per message,
 * so a code never changes when a message is reworded. Every error message ends with
 * its code in brackets (`... [CKF-E-PROPS]`), so code in any jsii language can read it
 * from the message alone.
 */

/** The error codes, by name. */
export const ErrorCode = {
  PROPS: 'CKF-E-PROPS',
  DUPLICATE: 'CKF-E-DUPLICATE',
  REFERENCE: 'CKF-E-REFERENCE',
  PLACEMENT: 'CKF-E-PLACEMENT',
  CAPABILITY: 'CKF-E-CAPABILITY',
  QUOTA: 'CKF-E-QUOTA',
  CONFLICT: 'CKF-E-CONFLICT',
  INVENTORY: 'CKF-E-INVENTORY',
  VALIDATION: 'CKF-E-VALIDATION',
  POLICY: 'CKF-E-POLICY',
  POLICY_CONFIG: 'CKF-E-POLICY-CONFIG',
  OUTPUT: 'CKF-E-OUTPUT',
  STATE: 'CKF-E-STATE',
} as const;

/** One error code and what it means. */
export interface ErrorCodeInfo {
  readonly code: string;
  /** When it is raised. */
  readonly when: string;
  /** What to do about it. */
  readonly fix: string;
}

/** Every error code, documented (docs/errors.md is generated from this table). */
export const ERROR_CODES: readonly ErrorCodeInfo[] = [
  { code: ErrorCode.PROPS, when: 'A prop or option has a value that is not accepted (wrong type, out of range, malformed name, unknown enum value); raised at construction.', fix: 'Change the value the message names to one it lists as accepted.' },
  { code: ErrorCode.DUPLICATE, when: 'A name or id is used twice where it must be unique: construct ids, team names and namespaces, stack and site names, a workload placed twice on a cluster.', fix: 'Rename one of the two the message names.' },
  { code: ErrorCode.REFERENCE, when: 'A prop refers to something the fleet does not have: a cluster of another fleet, a selector or allowFrom that matches nothing, an unknown workload or stack.', fix: 'Point the reference at something that exists, or add it.' },
  { code: ErrorCode.PLACEMENT, when: 'A workload cannot run where it is placed: its team may not use the cluster, the namespace belongs to another team, it fits no node pool, an edge site lacks its platform or GPUs.', fix: 'Change the placement, the pools or the workload\'s needs.' },
  { code: ErrorCode.CAPABILITY, when: 'A cluster lacks something its workloads or add-ons need (NetworkPolicy enforcement, KEDA, Gateway API, a runtime, ...) or its add-on settings contradict each other.', fix: 'Let the fleet install the add-on, declare what the cluster provides, or turn the conflicting setting off.' },
  { code: ErrorCode.QUOTA, when: 'A team\'s workloads on a cluster ask for more than the team\'s ResourceQuota allows.', fix: 'Raise the team\'s quota or lower the workloads\' requests, limits or replicas.' },
  { code: ErrorCode.CONFLICT, when: 'Two parts of the fleet ask for contradicting things: one object rendered differently by two workloads, one principal granted twice, stack dependencies in a cycle.', fix: 'Make the two agree, or remove one.' },
  { code: ErrorCode.INVENTORY, when: 'An edge inventory file (CSV or JSON) cannot be read or has a malformed entry; the message gives the line and column.', fix: 'Fix the file at the place named.' },
  { code: ErrorCode.VALIDATION, when: 'At synth, constructs reported errors (annotations or validations); every one is listed and nothing was written.', fix: 'Fix each listed error.' },
  { code: ErrorCode.POLICY, when: 'An enforced policy pack found errors; nothing was written. The findings are listed with rule ids.', fix: 'Fix the findings, suppress them with a reason (PolicySuppressions.add), or lower the pack\'s mode.' },
  { code: ErrorCode.POLICY_CONFIG, when: 'The policy setup is inconsistent or a pack misbehaves: a pack listed twice, a rule id declared by two packs, a suppression of a rule no pack declares, evaluate() throwing or returning malformed findings.', fix: 'Fix the pack or the suppression the message names.' },
  { code: ErrorCode.OUTPUT, when: 'The output directory cannot be written, locked or replaced, is not cdk-fleet output, or the output would contain a path of this machine.', fix: 'Choose another directory or free it; the previous output is left untouched.' },
  { code: ErrorCode.STATE, when: 'Synthesis would strand or overwrite Terraform state (backend changed while local state tracks resources, a state file in the way).', fix: 'Migrate the state as the message says (CDK_FLEET_MIGRATE_STATE=1, terraform init -migrate-state), or move the file away.' },
];
