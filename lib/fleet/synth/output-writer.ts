import * as fs from 'fs';
import * as path from 'path';
import { FleetValidationError } from '../../core/errors';

/** Name of the file that marks a directory as cdk-fleet output. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * Writes `files` (relative POSIX paths → contents) as the whole of `outdir`, atomically:
 * the tree is written to a temporary sibling directory and swapped in only when
 * complete. On any error the previous output stays as it was.
 *
 * @param preserve relative paths carried over from the previous output (state files,
 *   `.terraform` caches) so re-synthesis does not lose them
 */
export function writeTreeAtomically(outdir: string, files: Map<string, string | Buffer>, preserve: string[] = []): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  guardTarget(outdir, target);
  fs.mkdirSync(parent, { recursive: true });

  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const staging = path.join(parent, `.${base}.staging-${suffix}`);
  const previous = path.join(parent, `.${base}.previous-${suffix}`);
  try {
    writeFiles(staging, files);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new FleetValidationError(`synth: could not write the output to '${outdir}': ${(e as Error).message}; the previous output was left untouched`);
  }

  const hadPrevious = fs.existsSync(target);
  try {
    if (hadPrevious) fs.renameSync(target, previous);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
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
    fs.rmSync(staging, { recursive: true, force: true });
    throw new FleetValidationError(`synth: could not swap in the new output at '${outdir}': ${(e as Error).message}; the previous output was restored`);
  }
  fs.rmSync(previous, { recursive: true, force: true });
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

function writeFiles(root: string, files: Map<string, string | Buffer>): void {
  fs.mkdirSync(root, { recursive: true });
  const made = new Set<string>();
  for (const rel of [...files.keys()].sort()) {
    const full = path.join(root, ...rel.split('/'));
    const dir = path.dirname(full);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(full, files.get(rel)!);
  }
}
