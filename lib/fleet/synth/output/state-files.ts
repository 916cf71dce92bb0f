import * as fs from 'fs';
import * as path from 'path';
import { compareStrings } from '../../../core/compare';

/**
 * What synthesis must never delete from an output directory:
 * - `state`: any file with `.tfstate` in its name (state, `.backup`, `.lock.info`);
 * - `workspaces`: a `terraform.tfstate.d/` directory (the local backend's non-default workspaces);
 * - `lock-file`: `.terraform.lock.hcl` (provider versions and checksums `terraform init` chose);
 * - `cache`: a `.terraform/` directory (providers, modules, backend settings): carried for
 *   stacks that still exist, dropped with a stack that is gone (it can be rebuilt by `init`).
 */
export type StateKind = 'state' | 'workspaces' | 'lock-file' | 'cache';

/** One state-like entry of an output tree. */
export interface StateEntry {
  /** Relative POSIX path in the tree. */
  readonly rel: string;
  readonly kind: StateKind;
  /** True for a directory carried as a whole (`workspaces`, `cache`). */
  readonly dir: boolean;
  /** The stack whose directory holds it (`terraform/<stack>/…`), if any. */
  readonly stackDir?: string;
}

const STATE_NAME = /\.tfstate(\.|$)/;

/**
 * Top-level areas of an output that hold generated edge bundles only (one directory per
 * site, 10,000s of them): not searched when scanning a complete output, which would
 * cost seconds at scale. Terraform never runs there.
 */
const BUNDLE_AREAS = new Set(['edge', 'edge-archives']);

/**
 * Every state-like entry under `root` (which must exist). Directories carried whole are
 * not entered; nor are the edge bundle areas unless `everywhere` (for leftovers of killed runs).
 */
export function scanState(root: string, everywhere = false): StateEntry[] {
  const found: StateEntry[] = [];
  const walk = (dir: string, rel: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      const m = /^terraform\/([^/]+)\//.exec(r);
      const stackDir = m ? m[1] : undefined;
      if (d.isDirectory()) {
        if (d.name === '.terraform') found.push({ rel: r, kind: 'cache', dir: true, stackDir });
        else if (d.name === 'terraform.tfstate.d') found.push({ rel: r, kind: 'workspaces', dir: true, stackDir });
        else if (everywhere || rel !== '' || !BUNDLE_AREAS.has(d.name)) walk(path.join(dir, d.name), r);
      } else if (d.name === '.terraform.lock.hcl') {
        found.push({ rel: r, kind: 'lock-file', dir: false, stackDir });
      } else if (STATE_NAME.test(d.name)) {
        found.push({ rel: r, kind: 'state', dir: false, stackDir });
      }
    }
  };
  walk(root, '');
  return found.sort((a, b) => compareStrings(a.rel, b.rel));
}

/** Every file (relative POSIX path) of a scanned entry: the entry itself or the files under it. */
export function filesOf(root: string, entry: StateEntry): string[] {
  if (!entry.dir) return [entry.rel];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(root, ...rel.split('/')), { withFileTypes: true })) {
      if (d.isDirectory()) walk(`${rel}/${d.name}`);
      else out.push(`${rel}/${d.name}`);
    }
  };
  walk(entry.rel);
  return out.sort();
}

/** The stack a local-backend state file belongs to: `state/app.tfstate`, `.app.tfstate.lock.info` → `app`. */
export function stackOfStateFile(rel: string): string {
  const name = rel.slice(rel.lastIndexOf('/') + 1).replace(/^\./, '');
  return name.slice(0, name.indexOf('.tfstate'));
}

/**
 * Number of resources a state file tracks, or undefined when it cannot tell (not JSON,
 * encrypted): such a file must be treated as holding resources. Lock info files and
 * files of other kinds track none.
 */
export function resourcesIn(file: string): number | undefined {
  if (!/\.tfstate(\.backup)?$/.test(file) && !/\/terraform\.tfstate\.d\/.+\/terraform\.tfstate$/.test(file)) return 0;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (text.trim() === '') return 0;
  try {
    const state = JSON.parse(text);
    return Array.isArray(state.resources) ? state.resources.length : undefined;
  } catch {
    return undefined;
  }
}
