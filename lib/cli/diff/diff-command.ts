import * as fs from 'fs';
import * as path from 'path';
import { resolveBase } from './base-output';
import { Changes, compareOutputs, isEmpty, OutputDiff } from './compare';
import { unifiedDiff } from './line-diff';
import { parseArgs, UsageError } from '../args';
import { CommandContext, synthesizeIfAsked } from '../context';
import { readSynthOutput, SynthOutput } from '../synth-output';

/** `cdk-fleet diff`: 0 on success (1 with --exit-code when anything changed). */
export function runDiff(args: string[], ctx: CommandContext): number {
  const { flags, switches } = parseArgs(args, ['app', 'out', 'base', 'artifact'], ['json', 'exit-code']);
  if (!flags.base) throw new UsageError('--base <dir|git-ref> is required');
  const out = flags.out ?? 'cdk.out';
  const synthCode = synthesizeIfAsked(flags.app, out, ctx);
  if (synthCode !== 0) return synthCode;
  const current = readSynthOutput(out, ctx.cwd);
  const base = resolveBase(flags.base, flags.app, ctx);
  const diff = compareOutputs(base, current);
  if (flags.artifact) {
    const lines = artifactDiff(base, current, flags.artifact);
    if (switches.has('json')) ctx.print(JSON.stringify({ artifact: flags.artifact, diff: lines }, null, 2));
    else lines.forEach(ctx.print);
  } else if (switches.has('json')) {
    ctx.print(JSON.stringify({ base: flags.base, out, changed: !isEmpty(diff), ...diff }, null, 2));
  } else {
    formatDiff(flags.base, out, diff).forEach(ctx.print);
  }
  return switches.has('exit-code') && !isEmpty(diff) ? 1 : 0;
}

/**
 * Stacks to plan after a change since `base`: added and changed stacks, and every
 * stack that depends on one of them (directly or not).
 */
export function changedStacks(base: string, current: SynthOutput, ctx: CommandContext, app?: string): string[] {
  const diff = compareOutputs(resolveBase(base, app, ctx), current);
  const selected = new Set([...diff.stacks.added, ...diff.stacks.changed]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, stack] of Object.entries(current.manifest.stacks)) {
      if (!selected.has(name) && (stack.dependsOn ?? []).some(d => selected.has(d))) {
        selected.add(name);
        grew = true;
      }
    }
  }
  return [...selected].sort();
}

function artifactDiff(base: SynthOutput, current: SynthOutput, artifact: string): string[] {
  const read = (output: SynthOutput) => {
    const file = path.join(output.root, ...artifact.split('/'));
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };
  const before = read(base);
  const after = read(current);
  if (before === undefined && after === undefined) throw new UsageError(`--artifact '${artifact}' is in neither output`);
  if (before === after) return [`${artifact}: unchanged`];
  return unifiedDiff(before ?? '', after ?? '', artifact);
}

function formatDiff(baseName: string, out: string, diff: OutputDiff): string[] {
  const count = (c: Changes) => `${c.changed.length} changed, ${c.added.length} added, ${c.removed.length} removed`;
  const lines = [`cdk-fleet diff: ${out} against ${baseName}: stacks ${count(diff.stacks)}; files ${count(diff.files)}`];
  const section = (title: string, c: Changes) => {
    if (c.added.length + c.changed.length + c.removed.length === 0) return;
    lines.push(`${title}:`);
    c.changed.forEach(x => lines.push(`  ~ ${x}`));
    c.added.forEach(x => lines.push(`  + ${x}`));
    c.removed.forEach(x => lines.push(`  - ${x}`));
  };
  section('stacks', diff.stacks);
  section('clusters', diff.clusters);
  section('sites', diff.sites);
  section('files', diff.files);
  if (isEmpty(diff)) lines.push('  no changes');
  return lines;
}
