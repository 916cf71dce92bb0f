import { StackPlanResult } from './stack-plan';
import { planWaves } from '../../fleet/synth/plan-order';

/**
 * Plans `stacks` with at most `parallel` at a time: a stack starts once every stack
 * it depends on (among those selected) has planned; when one of them failed or was
 * skipped, it is skipped with that reason. A dependency cycle is an error.
 */
export async function schedulePlans(
  stacks: string[],
  dependsOn: Map<string, string[]>,
  parallel: number,
  planOne: (stack: string) => Promise<StackPlanResult>,
  skipped: (stack: string, reason: string) => StackPlanResult,
): Promise<StackPlanResult[]> {
  const selected = new Set(stacks);
  const deps = new Map(stacks.map(s => [s, (dependsOn.get(s) ?? []).filter(d => selected.has(d))]));
  const order = planWaves(deps).flat();
  const results = new Map<string, StackPlanResult>();
  const running = new Map<string, Promise<void>>();
  const waiting = [...order];
  while (waiting.length > 0 || running.size > 0) {
    for (const stack of [...waiting]) {
      const blockers = deps.get(stack)!.map(d => results.get(d)).filter(r => r && r.status !== 'planned');
      if (blockers.length > 0) {
        results.set(stack, skipped(stack, `not planned because '${blockers[0]!.stack}' ${blockers[0]!.status === 'failed' ? 'failed' : 'was skipped'}`));
        waiting.splice(waiting.indexOf(stack), 1);
        continue;
      }
      const ready = deps.get(stack)!.every(d => results.get(d)?.status === 'planned');
      if (!ready || running.size >= parallel) continue;
      waiting.splice(waiting.indexOf(stack), 1);
      running.set(stack, planOne(stack).then(result => {
        results.set(stack, result);
        running.delete(stack);
      }));
    }
    if (running.size > 0) await Promise.race(running.values());
    else if (waiting.length > 0 && waiting.every(s => !deps.get(s)!.every(d => results.has(d)))) break;
  }
  return order.map(s => results.get(s)!);
}
