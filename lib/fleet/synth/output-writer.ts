import * as fs from 'fs';
import * as path from 'path';
import { CarryInput, CarryPlan, OutputNotice, planCarry } from './output/carry-plan';
import { fsyncDir, linkTree, lstatOrUndefined, writeDurably } from './output/fs-steps';
import { MANIFEST_FILE, OutputLayout, outputLayout, readOwnManifest } from './output/layout';
import { OutputLock } from './output/lock';
import { step } from './output/probe';
import { recoverOutput, rescueState, SwapJournal } from './output/recovery';
import { ErrorCode } from '../../core/error-codes';
import { FleetValidationError } from '../../core/errors';

export { MANIFEST_FILE } from './output/layout';

/**
 * An output directory being written. Crash-safe: whenever the process is killed, the
 * output directory holds the previous complete tree or the new one, except between the
 * two renames of the swap, where the journal says which tree to rename in and the next
 * synth (or `cdk-fleet validate/plan/diff`) does so first. See docs/architecture.md.
 *
 * 1. `new StagedOutput(dir)` takes the lock `.<name>.lock`, recovers what a killed synth
 *    left (`recoverOutput`), checks that `dir` is cdk-fleet output, and creates `.<name>.next`.
 * 2. `write` streams files into `.<name>.next`; `planCarry` decides which state comes along.
 * 3. `commit` writes the rest, hard-links the carried state into the new tree, writes the
 *    journal, renames the output to `.<name>.prev` and `.<name>.next` to the output, deletes
 *    `.<name>.prev` (after checking it holds no state the new tree lacks), the journal, and the lock.
 *
 * `abort` (or any failure before the swap) removes `.<name>.next` and leaves the previous output as it was.
 */
export class StagedOutput {
  private readonly outdir: string;
  private readonly layout: OutputLayout;
  private readonly lock: OutputLock;
  private readonly made = new Set<string>();
  private readonly previousManifest: any;
  private carry: CarryPlan = { moves: [], notices: [] };
  private written = 0;
  /** Notices from recovering a killed synth's leftovers (shown to the user and put in the manifest). */
  public readonly notices: OutputNotice[];

  constructor(outdir: string) {
    this.outdir = outdir;
    const target = resolveTarget(outdir);
    this.layout = outputLayout(target);
    try {
      fs.mkdirSync(this.layout.parent, { recursive: true });
    } catch (e) {
      throw new FleetValidationError(`synth: cannot create the parent directory of output '${outdir}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose a writable location`, '', ErrorCode.OUTPUT);
    }
    this.lock = OutputLock.acquire(this.layout.lock, outdir);
    try {
      this.notices = recoverOutput(this.layout);
      this.previousManifest = guardTarget(outdir, target);
      fs.rmSync(this.layout.staging, { recursive: true, force: true });
      fs.mkdirSync(this.layout.staging);
      step('staging-created', this.layout.staging);
    } catch (e) {
      this.lock.release();
      throw e;
    }
  }

  /** Number of files written so far. */
  public get fileCount(): number {
    return this.written;
  }

  /** Writes one file (relative POSIX path) into the staging directory. */
  public write(rel: string, content: string | Buffer): void {
    try {
      const full = path.join(this.layout.staging, ...rel.split('/'));
      const dir = path.dirname(full);
      if (!this.made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      fs.writeFileSync(full, content);
      this.written++;
    } catch (e) {
      this.abort();
      throw new FleetValidationError(`synth: could not write the output to '${this.outdir}': ${(e as Error).message}; the previous output was left untouched`, '', ErrorCode.OUTPUT);
    }
    step('write', rel);
  }

  /**
   * Decides what the new output carries over from the previous one (state, lock files,
   * caches) and returns what the user must be told. Throws when the new output would
   * strand local state (see `planCarry`).
   */
  public planCarry(input: Omit<CarryInput, 'previousRoot' | 'previousManifest' | 'outdir'>): OutputNotice[] {
    const exists = this.previousManifest !== undefined || fs.existsSync(this.layout.target);
    const previousRoot = exists ? this.layout.target : undefined;
    this.carry = planCarry({ ...input, outdir: this.outdir, previousRoot, previousManifest: this.previousManifest });
    return this.carry.notices;
  }

  /** Removes everything written so far and releases the lock (idempotent). */
  public abort(): void {
    fs.rmSync(this.layout.staging, { recursive: true, force: true });
    this.lock.release();
  }

  /**
   * Writes `files`, carries the planned state over, and swaps the new tree in.
   * @returns notices about state found in the previous tree only (a Terraform run that
   *   wrote state during the synth); it was moved into the new output
   */
  public commit(files: Map<string, string | Buffer>): OutputNotice[] {
    const { target, staging, previous, journal, parent } = this.layout;
    try {
      for (const rel of [...files.keys()].sort()) this.write(rel, files.get(rel)!);
      for (const move of this.carry.moves) {
        linkTree(path.join(target, ...move.from.split('/')), path.join(staging, ...move.to.split('/')));
        step('carry', move.to);
      }
      fsyncDir(staging);
      const record: SwapJournal = { journalVersion: 1, step: 'swap' };
      writeDurably(journal, JSON.stringify(record) + '\n');
      step('journal', journal);
    } catch (e) {
      this.abort();
      throw e instanceof FleetValidationError ? e : new FleetValidationError(`synth: could not prepare the new output for '${this.outdir}': ${(e as Error).message}; the previous output was left untouched`, '', ErrorCode.OUTPUT);
    }
    const hadPrevious = lstatOrUndefined(target) !== undefined;
    try {
      if (hadPrevious) {
        fs.renameSync(target, previous);
        fsyncDir(parent);
        step('renamed-aside', previous);
      }
    } catch (e) {
      fs.rmSync(journal, { force: true });
      this.abort();
      throw new FleetValidationError(`synth: could not replace '${this.outdir}': ${(e as Error).message}; the previous output was left untouched`, '', ErrorCode.OUTPUT);
    }
    try {
      fs.renameSync(staging, target);
      fsyncDir(parent);
      step('renamed-in', target);
    } catch (e) {
      if (hadPrevious) fs.renameSync(previous, target);
      fs.rmSync(journal, { force: true });
      this.abort();
      throw new FleetValidationError(`synth: could not swap in the new output at '${this.outdir}': ${(e as Error).message}; the previous output was restored`, '', ErrorCode.OUTPUT);
    }
    try {
      const late = hadPrevious ? rescueState(previous, target, path.basename(previous), rel => carriedTo(this.carry, rel), false) : [];
      fs.rmSync(previous, { recursive: true, force: true });
      step('removed-previous', previous);
      fs.rmSync(journal, { force: true });
      fsyncDir(parent);
      step('journal-removed', journal);
      return late;
    } finally {
      this.lock.release();
    }
  }
}

/** Where the carry plan put `rel` of the previous tree. */
function carriedTo(plan: CarryPlan, rel: string): string {
  const move = plan.moves.find(m => rel === m.from || rel.startsWith(`${m.from}/`));
  return move ? move.to + rel.slice(move.from.length) : rel;
}

/**
 * The directory the output really is: a symlinked output directory is written through
 * (the link stays a link); a dangling link names the directory to create.
 */
function resolveTarget(outdir: string): string {
  const abs = path.resolve(outdir);
  const st = lstatOrUndefined(abs);
  if (!st?.isSymbolicLink()) return abs;
  try {
    return fs.realpathSync(abs);
  } catch {
    return path.resolve(path.dirname(abs), fs.readlinkSync(abs));
  }
}

/**
 * Refuses to replace a directory that is not cdk-fleet output (e.g. `--out .`, a web
 * app's `public/` with its own manifest.json). Returns the previous manifest.
 */
function guardTarget(outdir: string, target: string): any {
  if (!fs.existsSync(target)) return undefined;
  if (!fs.statSync(target).isDirectory()) {
    throw new FleetValidationError(`synth: output '${outdir}' exists and is not a directory; choose a directory path`, '', ErrorCode.OUTPUT);
  }
  const entries = fs.readdirSync(target);
  if (entries.length === 0) return undefined;
  if (!entries.includes(MANIFEST_FILE)) {
    throw new FleetValidationError(
      `synth: output directory '${outdir}' is not empty and holds no ${MANIFEST_FILE}, so it was not written by cdk-fleet; ` +
      'refusing to replace it (choose a new or empty directory)', '', ErrorCode.OUTPUT);
  }
  const manifest = readOwnManifest(target);
  if (!manifest) {
    throw new FleetValidationError(
      `synth: output directory '${outdir}' holds a ${MANIFEST_FILE} that cdk-fleet did not write (no manifestVersion, fleet, stacks and artifacts), ` +
      `so it is not cdk-fleet output; refusing to replace it and its ${entries.length} entries (choose a new or empty directory)`, '', ErrorCode.OUTPUT);
  }
  return manifest;
}

/**
 * For readers of an output directory (`cdk-fleet validate/plan/diff`): when a synth was
 * killed mid-swap (a journal beside the output, or no output but a leftover tree),
 * finishes the recovery the next synth would do, under the lock, so the reader sees a
 * complete tree. Does nothing (and takes no lock) otherwise.
 */
export function recoverInterruptedOutput(outdir: string): OutputNotice[] {
  const layout = outputLayout(resolveTarget(outdir));
  if (!fs.existsSync(layout.parent)) return [];
  const leftovers = fs.readdirSync(layout.parent).some(e => layout.isStale(e) || layout.isLegacyPrevious(e));
  if (!fs.existsSync(layout.journal) && (fs.existsSync(layout.target) || !leftovers)) return [];
  const lock = OutputLock.acquire(layout.lock, outdir);
  try {
    return recoverOutput(layout);
  } finally {
    lock.release();
  }
}
