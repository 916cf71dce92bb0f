import * as fs from 'fs';
import * as path from 'path';
import { filesOf, resourcesIn, scanState, StateEntry, stackOfStateFile } from './state-files';
import { ErrorCode } from '../../../core/error-codes';
import { FleetValidationError } from '../../../core/errors';
import { WarningId } from '../../../core/warnings';

/** Environment variable that lets one synth switch away from local state, keeping the files for `terraform init -migrate-state`. */
export const MIGRATE_STATE_ENV = 'CDK_FLEET_MIGRATE_STATE';

/** Something the user must know about the output directory (shown on the console and in manifest.json's warnings). */
export interface OutputNotice {
  /** Relative path in the output the notice is about. */
  readonly path: string;
  readonly message: string;
  /** Stable warning id (`ckf-w:state-...`). */
  readonly id: string;
}

/** One entry to carry: `from` in the previous output becomes `to` in the new one (relative POSIX paths). */
export interface CarryMove {
  readonly from: string;
  readonly to: string;
}

/** What the new output takes over from the previous one. */
export interface CarryPlan {
  readonly moves: CarryMove[];
  readonly notices: OutputNotice[];
}

/** What the plan needs to know about the new output. */
export interface CarryInput {
  /** The previous output (complete), or undefined on a first synth. */
  readonly previousRoot?: string;
  /** Its parsed manifest.json. */
  readonly previousManifest?: any;
  /** The output directory as the user gave it (for messages). */
  readonly outdir: string;
  /** Stacks of the new output. */
  readonly stacks: ReadonlySet<string>;
  /** Backend type of the new output (`local`, `s3`, …). */
  readonly backendType: string;
  /** State directory of the new output's local backend. */
  readonly stateDirectory?: string;
  /** Files the new output generates (relative paths). */
  readonly generated: ReadonlySet<string>;
}

/**
 * Decides how state in the previous output reaches the new one. Nothing state-like is
 * ever left behind: state in the backend's directory and stack caches stay where they
 * are; state of a local directory that changed moves to the new directory; state the
 * program no longer references (a removed stack, a file outside the state directory)
 * is kept where it is and reported. Switching from local state to a remote backend
 * would strand state that tracks resources, so it is an error that says how to migrate,
 * until `terraform init -migrate-state` has run (or `$CDK_FLEET_MIGRATE_STATE=1` for the
 * synth that writes the new backend).
 */
export function planCarry(input: CarryInput): CarryPlan {
  if (!input.previousRoot || !fs.existsSync(input.previousRoot)) return { moves: [], notices: [] };
  const root = input.previousRoot;
  const entries = scanState(root);
  const moves: CarryMove[] = [];
  const notices: OutputNotice[] = [];
  const stranded: string[] = [];
  const local = input.backendType === 'local';
  const newDir = input.stateDirectory;
  const oldDir = previousStateDirectory(input.previousManifest);
  const taken = new Set(entries.map(e => e.rel));
  const keep = (e: StateEntry, why: string) => {
    moves.push({ from: e.rel, to: e.rel });
    notices.push({ id: WarningId.STATE_KEPT, path: e.rel, message: why });
  };
  for (const e of entries) {
    const stackGone = e.stackDir !== undefined && !input.stacks.has(e.stackDir);
    if (e.kind === 'cache') {
      if (!stackGone) moves.push({ from: e.rel, to: e.rel });
      continue;
    }
    if (!local && (e.kind === 'workspaces' || (e.kind === 'state' && e.stackDir === undefined)) && holdsResources(root, e) && !migrated(root, e, input)) {
      stranded.push(e.rel);
    }
    if (stackGone) {
      keep(e, `kept: stack '${e.stackDir}' is no longer in the fleet; destroy its resources or move this away, then delete it`);
    } else if (e.kind !== 'state' || e.stackDir !== undefined) {
      moves.push({ from: e.rel, to: e.rel });
    } else if (!local) {
      keep(e, `kept: local state, but the fleet's backend is now '${input.backendType}'; once 'terraform init -migrate-state' has copied it, delete it`);
    } else if (newDir !== undefined && under(e.rel, newDir)) {
      const stack = stackOfStateFile(e.rel);
      if (input.stacks.has(stack)) moves.push({ from: e.rel, to: e.rel });
      else keep(e, `kept: stack '${stack}' is no longer in the fleet; destroy its resources or move this away, then delete it`);
    } else if (newDir !== undefined && oldDir !== undefined && under(e.rel, oldDir)) {
      const to = `${newDir}/${e.rel.slice(oldDir.length + 1)}`;
      if (taken.has(to)) {
        throw new FleetValidationError(`synth: the local backend's directory changed from '${oldDir}' to '${newDir}', and both '${input.outdir}/${e.rel}' ` +
          `and '${input.outdir}/${to}' exist; keep the right one (compare their "serial"), delete the other, and synthesize again`, '', ErrorCode.STATE);
      }
      moves.push({ from: e.rel, to });
      notices.push({ id: WarningId.STATE_MOVED, path: to, message: `moved from '${e.rel}' (the local backend's directory changed); run 'terraform init -reconfigure' in the stack's directory` });
    } else {
      keep(e, `kept: this state is outside the local backend's directory '${newDir}', so no stack uses it; move or delete it yourself`);
    }
  }
  if (stranded.length > 0) {
    const dir = oldDir ?? 'state';
    throw new FleetValidationError(
      `synth: the fleet's backend is now '${input.backendType}', but '${input.outdir}' holds local state that tracks resources and would be stranded: ` +
      `${stranded.join(', ')}. Migrate it first: synthesize once with ${MIGRATE_STATE_ENV}=1 (the local files are kept and the new backend is written), ` +
      `run 'terraform init -migrate-state' in each stack directory (${input.outdir}/terraform/<stack>) to copy the state into '${input.backendType}', ` +
      `then delete the local files; or keep Backend.local({ directory: '${dir}' })`, '', ErrorCode.STATE);
  }
  const generatedDirs = new Set([...input.generated].flatMap(g => g.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  for (const m of moves) {
    if (input.generated.has(m.to) || generatedDirs.has(m.to)) {
      throw new FleetValidationError(`synth: the new output would overwrite '${input.outdir}/${m.to}' from the previous output; move it away and synthesize again`, '', ErrorCode.STATE);
    }
  }
  return { moves, notices };
}

/** The local state directory the previous output used (recorded in its manifest; older manifests: 'state' if any stack was local). */
function previousStateDirectory(manifest: any): string | undefined {
  if (typeof manifest?.state?.directory === 'string') return manifest.state.directory;
  const stacks = manifest?.stacks && typeof manifest.stacks === 'object' ? Object.values<any>(manifest.stacks) : [];
  return stacks.some(s => s?.backend === 'local') ? 'state' : undefined;
}

function under(rel: string, dir: string): boolean {
  return rel.startsWith(`${dir}/`);
}

function holdsResources(root: string, e: StateEntry): boolean {
  return filesOf(root, e).some(f => resourcesIn(path.join(root, ...f.split('/'))) !== 0);
}

/**
 * True once Terraform has moved the stack to the new backend (its `.terraform/terraform.tfstate`,
 * where `init` records the backend, names the new type), or when the user asked for the migration synth.
 */
function migrated(root: string, e: StateEntry, input: CarryInput): boolean {
  if (process.env[MIGRATE_STATE_ENV] === '1') return true;
  const stack = e.stackDir ?? stackOfStateFile(e.rel);
  try {
    const recorded = JSON.parse(fs.readFileSync(path.join(root, 'terraform', stack, '.terraform', 'terraform.tfstate'), 'utf8'));
    return recorded?.backend?.type === input.backendType;
  } catch {
    return false;
  }
}
