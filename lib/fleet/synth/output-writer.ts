import * as fs from 'fs';
import * as path from 'path';
import { FleetValidationError } from '../../core/errors';

/** Name of the file that marks a directory as cdk-fleet output. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * An output directory being written: files go to a temporary sibling directory (as they
 * are produced, with `write`, or at the end, with `commit`) that replaces `outdir` only
 * when complete. `abort` (or any failure) removes it and leaves the previous output as it was.
 */
export class StagedOutput {
  private readonly outdir: string;
  private readonly target: string;
  private readonly staging: string;
  private readonly previous: string;
  private readonly made = new Set<string>();
  private written = 0;

  constructor(outdir: string) {
    this.outdir = outdir;
    this.target = path.resolve(outdir);
    guardTarget(outdir, this.target);
    const parent = path.dirname(this.target);
    const base = path.basename(this.target);
    fs.mkdirSync(parent, { recursive: true });
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    this.staging = path.join(parent, `.${base}.staging-${suffix}`);
    this.previous = path.join(parent, `.${base}.previous-${suffix}`);
  }

  /** Number of files written so far. */
  public get fileCount(): number {
    return this.written;
  }

  /** Writes one file (relative POSIX path) into the staging directory. */
  public write(rel: string, content: string | Buffer): void {
    try {
      const full = path.join(this.staging, ...rel.split('/'));
      const dir = path.dirname(full);
      if (!this.made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        this.made.add(dir);
      }
      fs.writeFileSync(full, content);
      this.written++;
    } catch (e) {
      this.abort();
      throw new FleetValidationError(`synth: could not write the output to '${this.outdir}': ${(e as Error).message}; the previous output was left untouched`);
    }
  }

  /** Removes everything written so far. */
  public abort(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }

  /**
   * Writes `files`, then swaps the staging directory in for `outdir`.
   * @param preserve relative paths carried over from the previous output (state files,
   *   `.terraform` caches) so re-synthesis does not lose them
   */
  public commit(files: Map<string, string | Buffer>, preserve: string[] = []): void {
    fs.mkdirSync(this.staging, { recursive: true });
    for (const rel of [...files.keys()].sort()) this.write(rel, files.get(rel)!);
    const { target, staging, previous, outdir } = this;
    const hadPrevious = fs.existsSync(target);
    try {
      if (hadPrevious) fs.renameSync(target, previous);
    } catch (e) {
      this.abort();
      throw new FleetValidationError(`synth: could not replace '${outdir}': ${(e as Error).message}; the previous output was left untouched`);
    }
    const moved: string[] = [];
    try {
      if (hadPrevious) {
        for (const rel of preserve) {
          const from = path.join(previous, rel);
          if (!fs.existsSync(from) || fs.existsSync(path.join(staging, rel))) continue;
          fs.mkdirSync(path.dirname(path.join(staging, rel)), { recursive: true });
          fs.renameSync(from, path.join(staging, rel));
          moved.push(rel);
        }
      }
      fs.renameSync(staging, target);
    } catch (e) {
      for (const rel of moved) fs.renameSync(path.join(staging, rel), path.join(previous, rel));
      if (hadPrevious) fs.renameSync(previous, target);
      this.abort();
      throw new FleetValidationError(`synth: could not swap in the new output at '${outdir}': ${(e as Error).message}; the previous output was restored`);
    }
    fs.rmSync(previous, { recursive: true, force: true });
  }
}

/** Refuses to replace a directory that is not cdk-fleet output (e.g. `--out .`). */
function guardTarget(outdir: string, target: string): void {
  if (!fs.existsSync(target)) return;
  if (!fs.statSync(target).isDirectory()) {
    throw new FleetValidationError(`synth: output '${outdir}' exists and is not a directory; choose a directory path`);
  }
  const entries = fs.readdirSync(target);
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw new FleetValidationError(
      `synth: output directory '${outdir}' is not empty and holds no ${MANIFEST_FILE}, so it was not written by cdk-fleet; ` +
      'refusing to replace it (choose a new or empty directory)');
  }
}
