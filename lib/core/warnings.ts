/**
 * Warnings with stable ids, and their acknowledgement with a reason. A warning says
 * something is allowed but probably unintended; a team that intends it acknowledges
 * it on the construct (or an ancestor) with a reason, and from then on the warning is
 * listed with that reason in manifest.json (`acknowledgedWarnings`) instead of being
 * printed.
 */
import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { ErrorCode } from './error-codes';
import { FleetValidationError, nearMatches, show } from './errors';

/** The warning ids, by name. */
export const WarningId = {
  GPU_MACHINE_NOT_IN_CATALOG: 'ckf-w:gpu-machine-not-in-catalog',
  ENDPOINT_OPEN_TO_INTERNET: 'ckf-w:endpoint-open-to-internet',
  REGION_NOT_IN_CATALOG: 'ckf-w:region-not-in-catalog',
  EDGE_OVERRIDE_MATCHES_NO_SITE: 'ckf-w:edge-override-matches-no-site',
  EDGE_CANARY_MATCHES_NO_SITE: 'ckf-w:edge-canary-matches-no-site',
  EDGE_WORKLOAD_MATCHES_NO_SITE: 'ckf-w:edge-workload-matches-no-site',
  POLICY_SUPPRESSION_UNMATCHED: 'ckf-w:policy-suppression-unmatched',
  WORKLOAD_IDENTITY_UNUSED: 'ckf-w:workload-identity-unused',
  IMPORTED_CLUSTER_NO_TEAM_ACCESS: 'ckf-w:imported-cluster-no-team-access',
  KEDA_OPERATOR_PERMISSION_NEEDED: 'ckf-w:keda-operator-permission-needed',
  ACKNOWLEDGEMENT_UNMATCHED: 'ckf-w:acknowledgement-unmatched',
  OUTPUT_RESTORED: 'ckf-w:output-restored',
  STATE_RECOVERED: 'ckf-w:state-recovered',
  STATE_RECOVERED_DIFFERS: 'ckf-w:state-recovered-differs',
  STATE_LEFT_IN_PLACE: 'ckf-w:state-left-in-place',
  STATE_KEPT: 'ckf-w:state-kept',
  STATE_MOVED: 'ckf-w:state-moved',
} as const;

/** One warning id and what it means. */
export interface WarningInfo {
  readonly id: string;
  /** When it is raised. */
  readonly when: string;
  /**
   * Whether `Warnings.acknowledge` accepts it. Warnings about the output directory
   * (state found, moved or recovered) describe the disk, not the program, and
   * the warning about an unmatched acknowledgement cannot be acknowledged.
   */
  readonly acknowledgeable: boolean;
}

/** Every warning id, documented (docs/errors.md is generated from this table). */
export const WARNINGS: readonly WarningInfo[] = [
  { id: WarningId.GPU_MACHINE_NOT_IN_CATALOG, acknowledgeable: true, when: 'A GPU node pool uses a machine type the GPU catalog does not know (accepted as an escape hatch for new machines).' },
  { id: WarningId.ENDPOINT_OPEN_TO_INTERNET, acknowledgeable: true, when: 'An EKS cluster\'s public endpoint allows 0.0.0.0/0.' },
  { id: WarningId.REGION_NOT_IN_CATALOG, acknowledgeable: true, when: 'A cluster\'s region is not in the region catalog and is accepted only because the fleet\'s additionalRegions lists it.' },
  { id: WarningId.EDGE_OVERRIDE_MATCHES_NO_SITE, acknowledgeable: true, when: 'An edge fleet override\'s siteSelector matches no site.' },
  { id: WarningId.EDGE_CANARY_MATCHES_NO_SITE, acknowledgeable: true, when: 'An edge fleet\'s rollout.canarySelector matches no site, so there is no canary wave.' },
  { id: WarningId.EDGE_WORKLOAD_MATCHES_NO_SITE, acknowledgeable: true, when: 'An edge workload\'s siteSelector matches no site: it runs nowhere.' },
  { id: WarningId.POLICY_SUPPRESSION_UNMATCHED, acknowledgeable: true, when: 'A policy suppression matches no finding (stale or mistyped).' },
  { id: WarningId.WORKLOAD_IDENTITY_UNUSED, acknowledgeable: true, when: 'A workload\'s identity names a cloud (aws, gcp, azure) none of its clusters is on, so no identity is created there.' },
  { id: WarningId.IMPORTED_CLUSTER_NO_TEAM_ACCESS, acknowledgeable: true, when: 'Teams are placed on an imported cluster: they get their Kubernetes objects but no cloud access grants (the fleet does not change an imported cluster\'s access configuration).' },
  { id: WarningId.KEDA_OPERATOR_PERMISSION_NEEDED, acknowledgeable: true, when: 'A cloud KEDA trigger runs on a cluster whose KEDA the team installs (provides: [Capability.KEDA]): the TriggerAuthentication is written, and the operator\'s identity needs the named cloud permission.' },
  { id: WarningId.ACKNOWLEDGEMENT_UNMATCHED, acknowledgeable: false, when: 'A warning acknowledgement matches no warning at or below its construct (stale or mistyped).' },
  { id: WarningId.OUTPUT_RESTORED, acknowledgeable: false, when: 'The output directory was missing after an interrupted synth and was restored.' },
  { id: WarningId.STATE_RECOVERED, acknowledgeable: false, when: 'A Terraform state file left by an interrupted synth was moved into the output.' },
  { id: WarningId.STATE_RECOVERED_DIFFERS, acknowledgeable: false, when: 'A recovered state file differs from the one in the output; both are kept (`.recovered-<n>`).' },
  { id: WarningId.STATE_LEFT_IN_PLACE, acknowledgeable: false, when: 'A leftover directory holds Terraform state and there is no output to move it into.' },
  { id: WarningId.STATE_KEPT, acknowledgeable: false, when: 'State of a stack no longer in the fleet, or outside the backend\'s directory, or local state after a switch to a remote backend, is kept where it is.' },
  { id: WarningId.STATE_MOVED, acknowledgeable: false, when: 'State moved because the local backend\'s directory changed (run terraform init -reconfigure).' },
];

/** A warning as synthesis collects it. */
export interface FleetWarning {
  /** Stable id (`ckf-w:...`); absent for warnings other libraries add through Annotations. */
  readonly id?: string;
  /** Construct path (or, for the output directory, a path relative to it). */
  readonly path: string;
  readonly message: string;
}

/** A warning acknowledgement as recorded. */
export interface RecordedAcknowledgement {
  readonly id: string;
  readonly reason: string;
  /** Path of the construct it was added to. */
  readonly scope: string;
}

/** A warning that an acknowledgement matched. */
export interface AcknowledgedWarning {
  readonly id: string;
  readonly path: string;
  readonly message: string;
  readonly reason: string;
  /** Path of the construct the acknowledgement was added to. */
  readonly scope: string;
}

const IDS = new WeakMap<IConstruct, Map<string, string>>();
const ACKNOWLEDGED = new WeakMap<IConstruct, RecordedAcknowledgement[]>();

/**
 * Adds a warning with a stable id to a construct (as a cdktf warning annotation, which
 * synthesis collects with its id).
 */
export function addFleetWarning(scope: IConstruct, id: string, message: string): void {
  let ids = IDS.get(scope);
  if (!ids) IDS.set(scope, ids = new Map());
  ids.set(message, id);
  Annotations.of(scope).addWarning(message);
}

/** The id a warning annotation of `scope` was added with (undefined for foreign warnings). */
export function warningIdOf(scope: IConstruct, message: string): string | undefined {
  return IDS.get(scope)?.get(message);
}

/**
 * Acknowledges warnings with a reason. Warnings have stable ids (`ckf-w:...`, listed in
 * docs/errors.md and shown after each warning on the console); an acknowledged
 * warning is no longer printed, and `manifest.json` lists it under
 * `acknowledgedWarnings` with the reason. An acknowledgement that matches no warning
 * is itself a warning, so stale ones are found.
 */
export class Warnings {
  /** A GPU node pool's machine type is not in the GPU catalog. */
  public static readonly GPU_MACHINE_NOT_IN_CATALOG: string = WarningId.GPU_MACHINE_NOT_IN_CATALOG;
  /** An EKS public endpoint allows 0.0.0.0/0. */
  public static readonly ENDPOINT_OPEN_TO_INTERNET: string = WarningId.ENDPOINT_OPEN_TO_INTERNET;
  /** A region is accepted only through the fleet's additionalRegions. */
  public static readonly REGION_NOT_IN_CATALOG: string = WarningId.REGION_NOT_IN_CATALOG;
  /** An edge override's siteSelector matches no site. */
  public static readonly EDGE_OVERRIDE_MATCHES_NO_SITE: string = WarningId.EDGE_OVERRIDE_MATCHES_NO_SITE;
  /** An edge rollout's canarySelector matches no site. */
  public static readonly EDGE_CANARY_MATCHES_NO_SITE: string = WarningId.EDGE_CANARY_MATCHES_NO_SITE;
  /** An edge workload's siteSelector matches no site. */
  public static readonly EDGE_WORKLOAD_MATCHES_NO_SITE: string = WarningId.EDGE_WORKLOAD_MATCHES_NO_SITE;
  /** A policy suppression matches no finding. */
  public static readonly POLICY_SUPPRESSION_UNMATCHED: string = WarningId.POLICY_SUPPRESSION_UNMATCHED;
  /** A workload's identity names a cloud none of its clusters is on. */
  public static readonly WORKLOAD_IDENTITY_UNUSED: string = WarningId.WORKLOAD_IDENTITY_UNUSED;

  /**
   * Acknowledges the warnings with `id` raised on `scope` or any construct below it
   * (acknowledge on the fleet to cover the whole fleet).
   * @param scope the construct the warning is about, or an ancestor
   * @param id a warning id, e.g. `ckf-w:endpoint-open-to-internet` (`Warnings.ENDPOINT_OPEN_TO_INTERNET`)
   * @param reason why the warning is intended (required; shown in manifest.json)
   */
  public static acknowledge(scope: IConstruct, id: string, reason: string): void {
    const where = `warningAcknowledgement '${scope.node.path}'`;
    const info = WARNINGS.find(w => w.id === id);
    if (!info || !info.acknowledgeable) {
      const accepted = WARNINGS.filter(w => w.acknowledgeable).map(w => w.id);
      const near = typeof id === 'string' ? nearMatches(id, accepted) : [];
      throw new FleetValidationError(`${where}: ${show(id)} ${info ? 'cannot be acknowledged (it is about the output directory or acknowledgements)' : 'is not a warning id'}` +
        (near.length > 0 ? `; did you mean ${near.map(n => `'${n}'`).join(', ')}?` : '') + `; acknowledgeable ids: ${accepted.join(', ')}`, scope.node.path, ErrorCode.PROPS);
    }
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (text === '') {
      throw new FleetValidationError(`${where}: reason ${show(reason)} is empty; say why the '${id}' warning is intended`, scope.node.path, ErrorCode.PROPS);
    }
    const list = ACKNOWLEDGED.get(scope) ?? [];
    list.push({ id, reason: text, scope: scope.node.path });
    ACKNOWLEDGED.set(scope, list);
  }

  /** Every warning id (acknowledgeable or not), sorted. */
  public static ids(): string[] {
    return WARNINGS.map(w => w.id).sort();
  }

  private constructor() {}
}

/** Every acknowledgement added to `root` or below, in tree order. */
export function acknowledgementsOf(root: IConstruct): RecordedAcknowledgement[] {
  return root.node.findAll().flatMap(c => ACKNOWLEDGED.get(c) ?? []);
}

/**
 * Splits warnings into those still to show and those acknowledged (the nearest
 * acknowledgement on the warning's construct or an ancestor wins); each acknowledgement
 * that matched nothing adds an `ckf-w:acknowledgement-unmatched` warning.
 */
export function resolveWarnings<W extends FleetWarning>(warnings: readonly W[], acknowledgements: readonly RecordedAcknowledgement[]): {
  shown: Array<W | FleetWarning>; acknowledged: AcknowledgedWarning[];
} {
  if (acknowledgements.length === 0) return { shown: [...warnings], acknowledged: [] };
  const used = new Set<RecordedAcknowledgement>();
  const shown: Array<W | FleetWarning> = [];
  const acknowledged: AcknowledgedWarning[] = [];
  for (const w of warnings) {
    const ack = w.id === undefined ? undefined : acknowledgements
      .filter(a => a.id === w.id && (w.path === a.scope || w.path.startsWith(`${a.scope}/`)))
      .sort((a, b) => b.scope.length - a.scope.length)[0];
    if (!ack) {
      shown.push(w);
      continue;
    }
    used.add(ack);
    acknowledged.push({ id: ack.id, path: w.path, message: w.message, reason: ack.reason, scope: ack.scope });
  }
  for (const a of acknowledgements) {
    if (used.has(a)) continue;
    shown.push({
      id: WarningId.ACKNOWLEDGEMENT_UNMATCHED,
      path: a.scope,
      message: `warning acknowledgement of '${a.id}' matches no warning at or below this construct; remove it (reason given: ${show(a.reason)})`,
    });
  }
  return { shown, acknowledged };
}
