import * as fs from 'fs';
import * as path from 'path';
import { OutputNotice } from './carry-plan';
import { fsyncDir, lstatOrUndefined, sameFile } from './fs-steps';
import { OutputLayout, readOwnManifest } from './layout';
import { step } from './probe';
import { filesOf, scanState } from './state-files';
import { WarningId } from '../../../core/warnings';

/** The journal's contents: written (durably) once the new tree is complete, before the first rename. */
export interface SwapJournal {
  readonly journalVersion: 1;
  readonly step: 'swap';
}

/**
 * Brings an output directory back to a consistent state after a killed synth. Must hold
 * the lock. Deterministic, from what is on disk:
 *
 * | journal | output | `.next` | `.prev` | meaning, action |
 * |---|---|---|---|---|
 * | - | any | any | - | killed while writing: `.next` is incomplete, delete it |
 * | yes | yes | yes | - | killed before the first rename: keep the output, delete `.next` |
 * | yes | - | yes | any | killed between the renames: `.next` is complete, rename it in (roll forward) |
 * | any | - | - | yes | `.prev` is the only tree: rename it back |
 * | yes | yes | - | yes | killed after the second rename: delete `.prev` |
 *
 * Before any leftover directory is deleted, state files in it that the output lacks (or
 * holds different bytes of) are moved into the output; see `rescueState`. Also handles
 * the `.previous-*` / `.staging-*` directories of earlier versions.
 * @returns notices for the user (the output restored, state recovered from a leftover)
 */
export function recoverOutput(layout: OutputLayout): OutputNotice[] {
  const { target, staging, previous, journal, parent } = layout;
  const journaled = fs.existsSync(journal);
  const restored: OutputNotice[] = [];
  if (!lstatOrUndefined(target)) {
    let from: string | undefined;
    if (journaled && fs.existsSync(staging)) {
      from = staging;
    } else if (fs.existsSync(previous)) {
      from = previous;
    } else {
      const legacy = fs.readdirSync(parent).filter(layout.isLegacyPrevious).map(e => path.join(parent, e)).filter(d => readOwnManifest(d));
      from = legacy.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs || (a < b ? -1 : 1)).pop();
    }
    if (from) {
      fs.renameSync(from, target);
      fsyncDir(parent);
      step(from === staging ? 'recovered-forward' : 'recovered-back', path.basename(from));
      restored.push({ id: WarningId.OUTPUT_RESTORED, path: '.', message: `the output was missing after an interrupted synth; restored from '${path.basename(from)}'` });
    }
  }
  const notices = [...restored, ...cleanupLeftovers(layout)];
  if (journaled) {
    fs.rmSync(journal, { force: true });
    fsyncDir(parent);
    step('journal-removed', journal);
  }
  return notices;
}

/** Deletes leftover staging/previous directories beside the output, rescuing their state first. */
export function cleanupLeftovers(layout: OutputLayout): OutputNotice[] {
  const notices: OutputNotice[] = [];
  const hasTarget = fs.existsSync(layout.target);
  for (const entry of fs.readdirSync(layout.parent).sort()) {
    if (!layout.isStale(entry) && !layout.isLegacyPrevious(entry)) continue;
    const dir = path.join(layout.parent, entry);
    if (!hasTarget && fs.statSync(dir).isDirectory() && scanState(dir, true).some(e => e.kind !== 'cache')) {
      notices.push({ id: WarningId.STATE_LEFT_IN_PLACE, path: entry, message: 'left in place: it holds Terraform state and there is no output to move it into' });
      continue;
    }
    if (hasTarget && fs.statSync(dir).isDirectory()) notices.push(...rescueState(dir, layout.target, entry));
    fs.rmSync(dir, { recursive: true, force: true });
    step('removed-leftover', entry);
  }
  return notices;
}

/**
 * Moves every state-like file of `from` that `into` lacks to the same place in `into`
 * (or the place `destOf` maps it to, when the synth moved it);
 * one that `into` holds with other bytes is moved beside it as `<name>.recovered-<n>`
 * (both are kept, the user decides). Caches (`.terraform/`) are not rescued. `everywhere`
 * false skips the edge bundle areas (the previous tree of a synth that just completed).
 */
export function rescueState(
  from: string, into: string, label: string, destOf: (rel: string) => string = rel => rel, everywhere = true,
): OutputNotice[] {
  const notices: OutputNotice[] = [];
  for (const entry of scanState(from, everywhere)) {
    if (entry.kind === 'cache') continue;
    for (const found of filesOf(from, entry)) {
      const rel = destOf(found);
      const src = path.join(from, ...found.split('/'));
      const dest = path.join(into, ...rel.split('/'));
      if (!lstatOrUndefined(dest)) {
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.renameSync(src, dest);
        notices.push({ id: WarningId.STATE_RECOVERED, path: rel, message: `recovered from '${label}', left by an interrupted synth` });
      } else if (!sameFile(src, dest)) {
        let n = 1;
        while (lstatOrUndefined(`${dest}.recovered-${n}`)) n++;
        fs.renameSync(src, `${dest}.recovered-${n}`);
        notices.push({ id: WarningId.STATE_RECOVERED_DIFFERS, path: `${rel}.recovered-${n}`, message: `recovered from '${label}', left by an interrupted synth; it differs from '${rel}': keep the right one and delete the other` });
      } else {
        continue;
      }
      fsyncDir(path.dirname(dest));
      step('rescued', rel);
    }
  }
  return notices;
}
