import { ErrorCode } from '../../core/error-codes';
import { FleetValidationError } from '../../core/errors';

/**
 * Groups stacks into plan waves: every stack comes after the stacks it depends on;
 * stacks in one wave do not depend on each other and can be planned in parallel.
 * Names are sorted inside a wave so the order is deterministic.
 */
export function planWaves(dependsOn: Map<string, string[]>): string[][] {
  const remaining = new Map([...dependsOn].map(([name, deps]) => [name, new Set(deps)]));
  for (const [name, deps] of remaining) {
    for (const dep of deps) {
      if (!remaining.has(dep)) {
        throw new FleetValidationError(`stack '${name}' depends on '${dep}', which is not a stack of this fleet`, '', ErrorCode.REFERENCE);
      }
    }
  }
  const waves: string[][] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter(([, deps]) => deps.size === 0).map(([name]) => name).sort();
    if (ready.length === 0) {
      const cycle = [...remaining.keys()].sort().join(', ');
      throw new FleetValidationError(`stack dependencies form a cycle among: ${cycle}; remove one of the dependencies`, '', ErrorCode.CONFLICT);
    }
    waves.push(ready);
    for (const name of ready) remaining.delete(name);
    for (const deps of remaining.values()) for (const name of ready) deps.delete(name);
  }
  return waves;
}
