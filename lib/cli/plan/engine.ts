import { spawnSync } from 'child_process';
import { UsageError } from '../args';

/** The binaries `plan` can drive, in autodetection order. */
export const ENGINES = ['tofu', 'terraform'];

/** Whether `binary` runs (`<binary> version` exits 0). */
export function engineAvailable(binary: string): boolean {
  const probe = spawnSync(binary, ['version'], { stdio: 'ignore', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  return !probe.error && probe.status === 0;
}

/**
 * The engine to plan with: the one asked for, else the first of `tofu`, `terraform`
 * found on PATH. Says clearly when none is there.
 */
export function chooseEngine(asked: string | undefined): string {
  if (asked !== undefined) {
    if (!ENGINES.includes(asked)) throw new UsageError(`--engine must be one of ${ENGINES.join(', ')} (got '${asked}')`);
    if (!engineAvailable(asked)) throw new UsageError(`--engine ${asked}: '${asked}' is not on PATH (or '${asked} version' fails); install it or choose another engine`);
    return asked;
  }
  const found = ENGINES.find(engineAvailable);
  if (!found) throw new UsageError('neither OpenTofu (\'tofu\') nor Terraform (\'terraform\') is on PATH; install one, or pass --engine');
  return found;
}
