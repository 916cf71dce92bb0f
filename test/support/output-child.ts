/**
 * Child process of the kill tests: writes a prepared tree into an output directory with
 * the real StagedOutput, and SIGKILLs itself right after the n-th file system step
 * (argv: outdir, tree JSON file, n; n = 0 runs to the end and prints the steps).
 * With the tree file `recover`, it only recovers what a killed synth left, as a reader does.
 */
import * as fs from 'fs';
import { _setOutputProbe } from '../../lib/fleet/synth/output/probe';
import { recoverInterruptedOutput, StagedOutput } from '../../lib/fleet/synth/output-writer';

const [outdir, treeFile, killAt] = process.argv.slice(2);
const steps: string[] = [];
_setOutputProbe((name, detail) => {
  steps.push(`${name} ${detail}`);
  if (steps.length === Number(killAt)) process.kill(process.pid, 'SIGKILL');
});
if (treeFile === 'recover') {
  recoverInterruptedOutput(outdir);
  process.stdout.write(JSON.stringify(steps));
  process.exit(0);
}
const tree = JSON.parse(fs.readFileSync(treeFile, 'utf8')) as { files: Record<string, string>; streamed: string[]; stacks: string[] };
const staged = new StagedOutput(outdir);
const rest = new Map(Object.entries(tree.files));
for (const rel of tree.streamed) {
  staged.write(rel, tree.files[rel]);
  rest.delete(rel);
}
staged.planCarry({ stacks: new Set(tree.stacks), backendType: 'local', stateDirectory: 'state', generated: new Set(Object.keys(tree.files)) });
staged.commit(rest);
process.stdout.write(JSON.stringify(steps));
