import * as os from 'os';
import * as path from 'path';
import { chooseEngine } from './engine';
import { schedulePlans } from './scheduler';
import { planStack, StackPlanResult } from './stack-plan';
import { parseArgs, positiveInt, UsageError } from '../args';
import { CommandContext, synthesizeIfAsked } from '../context';
import { changedStacks } from '../diff/diff-command';
import { readSynthOutput, SynthOutput } from '../synth-output';

/** `cdk-fleet plan`: returns 0 when every selected stack planned, 1 when any failed or was skipped. */
export async function runPlan(args: string[], ctx: CommandContext): Promise<number> {
  const { flags, switches } = parseArgs(args, ['app', 'out', 'engine', 'stacks', 'parallel', 'changed-since'], ['json']);
  const out = flags.out ?? 'cdk.out';
  const parallel = positiveInt('parallel', flags.parallel, Math.max(2, os.cpus().length));
  const synthCode = synthesizeIfAsked(flags.app, out, ctx);
  if (synthCode !== 0) return synthCode;
  const output = readSynthOutput(out, ctx.cwd);
  const stacks = selectStacks(output, flags, ctx);
  const engine = chooseEngine(flags.engine);
  if (stacks.length === 0) {
    report(ctx, switches.has('json'), engine, out, []);
    return 0;
  }
  ctx.log(`cdk-fleet plan: ${stacks.length} stack(s) with ${engine}, up to ${parallel} at a time`);
  const runStart = Date.now();
  const dependsOn = new Map(Object.entries(output.manifest.stacks).map(([name, s]) => [name, s.dependsOn ?? []]));
  const results = await schedulePlans(stacks, dependsOn, parallel, async stack => {
    ctx.log(`  ▶ ${stack}`);
    const result = await planStack(engine, stack, {
      stackDir: path.join(output.root, ...output.manifest.stacks[stack].directory.split('/')),
      planDir: path.join(output.root, 'plans', stack),
      relPlanDir: `${out}/plans/${stack}`,
    }, runStart);
    ctx.log(result.status === 'planned'
      ? `  ✓ ${stack}: ${result.add} to add, ${result.change} to change, ${result.destroy} to destroy (${result.seconds.toFixed(1)} s)`
      : `  ✗ ${stack}: ${result.reason}`);
    return result;
  }, (stack, reason) => {
    ctx.log(`  - ${stack}: ${reason}`);
    const at = Date.now() - runStart;
    return { stack, status: 'skipped', add: 0, change: 0, destroy: 0, seconds: 0, startedMs: at, finishedMs: at, reason };
  });
  report(ctx, switches.has('json'), engine, out, results);
  return results.every(r => r.status === 'planned') ? 0 : 1;
}

function selectStacks(output: SynthOutput, flags: Record<string, string>, ctx: CommandContext): string[] {
  const known = Object.keys(output.manifest.stacks);
  let selected = output.manifest.planOrder ? output.manifest.planOrder.flat() : known;
  if (flags.stacks) {
    const asked = flags.stacks.split(',').map(s => s.trim()).filter(Boolean);
    const unknown = asked.filter(s => !known.includes(s));
    if (unknown.length > 0) throw new UsageError(`unknown stack(s) ${unknown.map(s => `'${s}'`).join(', ')}; stacks in ${output.dir}: ${known.join(', ')}`);
    selected = selected.filter(s => asked.includes(s));
  }
  if (flags['changed-since']) {
    const changed = changedStacks(flags['changed-since'], output, ctx, flags.app);
    ctx.log(`cdk-fleet plan: changed since ${flags['changed-since']}: ${changed.length > 0 ? changed.join(', ') : 'nothing'}`);
    selected = selected.filter(s => changed.includes(s));
  }
  return selected;
}

function report(ctx: CommandContext, json: boolean, engine: string, out: string, results: StackPlanResult[]): void {
  const failed = results.filter(r => r.status !== 'planned').length;
  if (json) {
    ctx.print(JSON.stringify({ engine, out, ok: failed === 0, stacks: results }, null, 2));
    return;
  }
  const rows = [['stack', 'add', 'change', 'destroy', 'time', 'status'],
    ...results.map(r => [r.stack, String(r.add), String(r.change), String(r.destroy), `${r.seconds.toFixed(1)} s`,
      r.status === 'planned' ? 'planned' : `${r.status}: ${r.reason}`])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map(row => row[i].length)));
  ctx.print(`cdk-fleet plan (${engine}): ${results.length - failed} of ${results.length} stack(s) planned`);
  for (const row of rows) ctx.print('  ' + row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
}
