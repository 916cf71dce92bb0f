import { IConstruct } from 'constructs';
import { FleetValidationError, show } from '../core/errors';

/** Shortest accepted suppression reason. */
export const MIN_SUPPRESSION_REASON = 10;

/** A suppression of policy findings on a construct and its children. */
export interface PolicySuppressionOptions {
  /** Why the findings are acceptable (at least 10 characters); shown in the reports. */
  readonly reason: string;
  /**
   * Only findings of this rule.
   * @default - every rule
   */
  readonly ruleId?: string;
  /**
   * Only the finding at this JSON path (e.g. `spec.template.spec.containers[0].ports[0].hostPort`).
   * @default - every path
   */
  readonly jsonPath?: string;
}

/** A suppression as recorded: its scope and options. */
export interface RecordedSuppression extends PolicySuppressionOptions {
  /** Path of the construct the suppression was added to. */
  readonly scope: string;
}

const RECORDED = new WeakMap<IConstruct, RecordedSuppression[]>();

/**
 * Suppresses policy findings produced by a construct and its children, with a reason
 * that lands in `policy/report.json` and the SARIF report. Rules the fleet marks
 * `unsuppressible` stay reported (the report says which suppression was ignored).
 */
export class PolicySuppressions {
  /** Adds a suppression to `scope` (a cluster, workload, node pool, ... or the fleet). */
  public static add(scope: IConstruct, options: PolicySuppressionOptions): void {
    const reason = typeof options.reason === 'string' ? options.reason.trim() : '';
    if (reason.length < MIN_SUPPRESSION_REASON) {
      throw new FleetValidationError(
        `policySuppression '${scope.node.path}': reason ${show(options.reason)} is too short; ` +
        `say why the finding is acceptable in at least ${MIN_SUPPRESSION_REASON} characters`, scope.node.path);
    }
    if (options.ruleId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(options.ruleId)) {
      throw new FleetValidationError(
        `policySuppression '${scope.node.path}': ruleId ${show(options.ruleId)} is not a rule id (e.g. 'CKF-AWS-003')`, scope.node.path);
    }
    if (options.jsonPath !== undefined && options.jsonPath.trim() === '') {
      throw new FleetValidationError(`policySuppression '${scope.node.path}': jsonPath is empty; omit it to suppress every path`, scope.node.path);
    }
    const list = RECORDED.get(scope) ?? [];
    list.push({ scope: scope.node.path, reason, ruleId: options.ruleId, jsonPath: options.jsonPath });
    RECORDED.set(scope, list);
  }

  /** Every suppression added to `root` or below, in tree order. */
  public static of(root: IConstruct): RecordedSuppression[] {
    return root.node.findAll().flatMap(c => RECORDED.get(c) ?? []);
  }

  private constructor() {}
}
