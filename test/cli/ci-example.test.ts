import * as fs from 'fs';
import * as path from 'path';
import { REPO, runCli } from '../support/cli';
import { tempDir } from '../support/synth';

jest.setTimeout(120_000);

describe('examples/ci/fleet-pr.yml', () => {
  const workflow = fs.readFileSync(path.join(REPO, 'examples/ci/fleet-pr.yml'), 'utf8');
  const commands = [...workflow.matchAll(/npx cdk-fleet ([^|>\n]+)/g)]
    .map(m => m[1].trim().replace(/\$\{\{[^}]+\}\}/g, 'main').split(/\s+/));

  test('runs synth, validate, diff and plan', () => {
    expect(commands.map(c => c[0])).toEqual(['synth', 'validate', 'diff', 'plan']);
  });

  test.each(commands.map(c => [c.join(' '), c]))('uses only flags the CLI knows: %s', async (_line, args) => {
    const result = await runCli(args as string[], tempDir());
    expect(result.stderr).not.toMatch(/unknown (argument|command)|needs a value/);
    expect(result.status).toBe(2); // nothing to synthesize or read in an empty directory
  });
});
