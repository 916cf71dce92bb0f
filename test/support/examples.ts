import * as path from 'path';
import { tempDir } from './synth';

/** Runs a bundled example in this process (it calls fleet.synth()) into a fresh directory; returns the output directory. */
export function synthExample(example: string): string {
  const outdir = path.join(tempDir(), 'cdk.out');
  const previous = process.env.CDK_FLEET_OUTDIR;
  process.env.CDK_FLEET_OUTDIR = outdir;
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    // The examples synthesize when loaded; a fresh module registry runs each one again.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require(path.join('..', '..', 'examples', example, 'main')));
  } finally {
    stderr.mockRestore();
    if (previous === undefined) delete process.env.CDK_FLEET_OUTDIR;
    else process.env.CDK_FLEET_OUTDIR = previous;
  }
  return outdir;
}
