import * as fs from 'fs';
import * as path from 'path';

/** Name of the file that marks a directory as cdk-fleet output. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * The names one output directory `<parent>/<name>` uses beside itself. All are hidden
 * siblings, so they are on the same file system and every move between them is a rename.
 */
export interface OutputLayout {
  /** The output directory (absolute; a symlink already resolved). */
  readonly target: string;
  readonly parent: string;
  /** `.<name>.lock`: the synth lock. */
  readonly lock: string;
  /** `.<name>.next`: the new tree being written. */
  readonly staging: string;
  /** `.<name>.prev`: the previous tree, between the two renames of the swap and until it is deleted. */
  readonly previous: string;
  /** `.<name>.swap.json`: the journal; present from "staging is complete" until the swap is cleaned up. */
  readonly journal: string;
  /** Leftovers of other versions and killed runs that hold no complete tree of their own. */
  isStale(entry: string): boolean;
  /** Leftovers of older versions that may hold the only complete previous tree (`.<name>.previous-<pid>-<time>`). */
  isLegacyPrevious(entry: string): boolean;
}

/** The layout of output directory `target` (absolute). */
export function outputLayout(target: string): OutputLayout {
  const parent = path.dirname(target);
  const base = path.basename(target);
  const at = (suffix: string) => path.join(parent, `.${base}.${suffix}`);
  const stale = [`.${base}.staging-`, `.${base}.lock.stale-`];
  const exact = [`.${base}.next`, `.${base}.prev`, `.${base}.swap.json.tmp`];
  return {
    target,
    parent,
    lock: at('lock'),
    staging: at('next'),
    previous: at('prev'),
    journal: at('swap.json'),
    isStale: entry => exact.includes(entry) || stale.some(p => entry.startsWith(p)),
    isLegacyPrevious: entry => entry.startsWith(`.${base}.previous-`),
  };
}

/**
 * The parsed manifest when `dir` holds cdk-fleet output: a manifest.json that is a JSON
 * object with a numeric `manifestVersion`, a `fleet` name, `stacks` and an `artifacts`
 * list. A web app's `manifest.json` (or any other) does not qualify.
 */
export function readOwnManifest(dir: string): any | undefined {
  let manifest: any;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const own = manifest !== null && typeof manifest === 'object' && typeof manifest.manifestVersion === 'number' &&
    typeof manifest.fleet === 'string' && typeof manifest.stacks === 'object' && manifest.stacks !== null && Array.isArray(manifest.artifacts);
  return own ? manifest : undefined;
}
