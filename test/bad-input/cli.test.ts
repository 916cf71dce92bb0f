import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli/main';
import { tempDir } from '../support/synth';

/** One CLI case: what is wrong, the files of the project directory, the command line, what stderr must say. */
type CliCase = [description: string, files: Record<string, string>, argv: string[], expected: RegExp];

const HASH = 'a'.repeat(64);
const manifest = (artifacts: unknown[]) => JSON.stringify({ manifestVersion: 1, stacks: {}, planOrder: [], artifacts });

/** Runs the CLI in a fresh project directory holding `files`; returns the exit code and what it logged. */
async function run(files: Record<string, string>, argv: string[]): Promise<{ code: number; log: string }> {
  const cwd = tempDir();
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    fs.writeFileSync(path.join(cwd, file), text);
  }
  const lines: string[] = [];
  const code = await main(argv, { cwd, log: l => lines.push(l), print: l => lines.push(l) });
  return { code, log: lines.join('\n') };
}

const CASES: CliCase[] = [
  ['a broken cdk-fleet.json', { 'cdk-fleet.json': '{ "app": "node main.js", }' }, ['synth'],
    /^cdk-fleet synth: cdk-fleet\.json line 1, column 26 is not valid JSON \(.*\); fix it, e\.g\. \{ "app": "npx ts-node main\.ts" \}/],
  ['an empty cdk-fleet.json', { 'cdk-fleet.json': '' }, ['synth'], /^cdk-fleet synth: cdk-fleet\.json line 1, column 1 is not valid JSON/],
  ['a cdk-fleet.json that is a list', { 'cdk-fleet.json': '["node main.js"]' }, ['synth'], /^cdk-fleet synth: cdk-fleet\.json holds \["node main\.js"\], not an object/],
  ['a cdk-fleet.json key with a typo', { 'cdk-fleet.json': '{ "ap": "node main.js" }' }, ['synth'], /^cdk-fleet synth: cdk-fleet\.json has unknown key\(s\) 'ap'; known keys: app/],
  ['a cdk-fleet.json app that is not a command', { 'cdk-fleet.json': '{ "app": 42 }' }, ['synth'], /^cdk-fleet synth: cdk-fleet\.json "app" 42 must be a non-empty command string/],
  ['an empty cdk-fleet.json app', { 'cdk-fleet.json': '{ "app": " " }' }, ['synth', '--json'], /^cdk-fleet synth: cdk-fleet\.json "app" ' ' must be a non-empty command string/],
  ['a manifest artifact without a path', { 'cdk.out/manifest.json': manifest([{ kind: 'terraform-stack', sha256: HASH }]) }, ['validate'],
    /^cdk-fleet validate: 'cdk\.out\/manifest\.json' artifacts\[0\] is malformed: its path \(missing\) is not a relative path inside the output; the manifest was edited or damaged, synthesize again/],
  ['a manifest artifact path leaving the output', { 'cdk.out/manifest.json': manifest([{ path: '../../etc/passwd', kind: 'x', sha256: HASH }]) }, ['validate'],
    /artifacts\[0\] is malformed: its path '\.\.\/\.\.\/etc\/passwd' is not a relative path inside the output/],
  ['a manifest artifact with a short hash', { 'cdk.out/manifest.json': manifest([{ path: 'a.json', kind: 'x', sha256: 'abc' }]) }, ['diff', '--base', 'cdk.out'],
    /^cdk-fleet diff: 'cdk\.out\/manifest\.json' artifacts\[0\] is malformed: its sha256 'abc' is not 64 hex digits/],
  ['a manifest artifact that is null', { 'cdk.out/manifest.json': manifest([null]) }, ['validate'], /artifacts\[0\] is malformed: it is not an object/],
  ['a manifest that is not JSON', { 'cdk.out/manifest.json': '{' }, ['validate'], /^cdk-fleet validate: 'cdk\.out\/manifest\.json' is not valid JSON/],
  ['a manifest without artifacts', { 'cdk.out/manifest.json': '{}' }, ['validate'], /'cdk\.out\/manifest\.json' lacks 'artifacts' or 'stacks'/],
  ['no output to validate', {}, ['validate'], /^cdk-fleet validate: no synth output at 'cdk\.out'; run 'cdk-fleet synth' first or pass --app/],
  ['an unknown argument', {}, ['synth', '--outdir', 'x'], /^cdk-fleet synth: unknown argument '--outdir'/],
  ['zero parallel plans', { 'cdk.out/manifest.json': manifest([]) }, ['plan', '--parallel', '0'], /^cdk-fleet plan: --parallel must be a whole number ≥ 1 \(got '0'\)/],
  ['an engine the plan command does not know', { 'cdk.out/manifest.json': manifest([]) }, ['plan', '--engine', 'pulumi'], /--engine must be one of .*\(got 'pulumi'\)/],
];

describe('bad CLI input and broken files give a message and exit code 2, never a stack trace', () => {
  test.each(CASES)('%s', async (_d, files, argv, expected) => {
    const { code, log } = await run(files, argv);
    expect(log).toMatch(expected);
    expect(log).not.toMatch(/internal error:|\n\s+at .*:\d+:\d+/);
    expect(code).toBe(2);
  });
});
