import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, UsageError } from './args';
import { CommandContext, requireApp, synthesizeIfAsked } from './context';
import { runDiff } from './diff/diff-command';
import { runPlan } from './plan/plan-command';
import { runSynth } from './synth-command';
import { readSynthOutput } from './synth-output';
import { formatValidation, validateOutput } from './validate/validate-command';

const USAGE = `usage: cdk-fleet <command> [options]

  synth     run the fleet program and write its output tree
              --app <command>   command that runs the program (default: "app" in cdk-fleet.json)
              --out <dir>       output directory (default: cdk.out)  --json
  validate  check an output: manifest hashes, Terraform references, Kubernetes schemas, policy report
              --out <dir>  --app <command> (synthesize first)  --json
  plan      init and plan every stack in plan order, independent stacks in parallel
              --engine tofu|terraform  --stacks a,b  --parallel N  --changed-since <git-ref|dir>
              --out <dir>  --app <command> (synthesize first)  --json
  diff      compare this output with a base output by content hash
              --base <dir|git-ref>  --artifact <path> (show one file's diff)  --exit-code
              --out <dir>  --app <command>  --json

  --version prints the version of cdk-fleet

exit codes: 0 clean, 1 findings or failed stacks, 2 usage errors, a failing program or internal errors`;

/** Where a command runs and where its lines go; every field defaults to the process's own. */
export interface CliIo {
  /** Working directory. @default process.cwd() */
  readonly cwd?: string;
  /** Progress and errors. @default a line on stderr */
  readonly log?: (line: string) => void;
  /** Results. @default a line on stdout */
  readonly print?: (line: string) => void;
  /**
   * Pass the output of the fleet program `synth` runs to `log` once it ends, instead of
   * letting it write to this process's stdout/stderr as it runs.
   * @default false
   */
  readonly captureAppOutput?: boolean;
}

/** Entry point of the `cdk-fleet` command. Returns the exit code (0 ok, 1 findings or failures, 2 usage). */
export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  const log = io.log ?? (l => process.stderr.write(l + '\n'));
  const print = io.print ?? (l => process.stdout.write(l + '\n'));
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === 'version') {
    print(`cdk-fleet ${packageVersion()}`);
    return 0;
  }
  const ctx: CommandContext = { cwd: io.cwd ?? process.cwd(), log, print, captureAppOutput: io.captureAppOutput };
  try {
    switch (command) {
      case 'synth': return synth(rest, ctx);
      case 'validate': return validate(rest, ctx);
      case 'plan': return await runPlan(rest, ctx);
      case 'diff': return runDiff(rest, ctx);
      default: throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      log(`cdk-fleet ${command}: ${e.message}`);
      if (/unknown (command|argument)|needs a value/.test(e.message)) log(USAGE);
      return 2;
    }
    if ((e as Error).name === 'FleetValidationError') {
      log(`cdk-fleet ${command}: ${(e as Error).message}`);
      return 2;
    }
    log(`cdk-fleet ${command}: internal error: ${(e as Error).stack ?? e}`);
    return 2;
  }
}

function synth(args: string[], ctx: CommandContext): number {
  const { flags, switches } = parseArgs(args, ['app', 'out'], ['json']);
  return runSynth({
    app: requireApp(flags.app, ctx.cwd),
    out: flags.out ?? 'cdk.out',
    cwd: ctx.cwd,
    printJson: switches.has('json') ? ctx.print : undefined,
    captureAppOutput: ctx.captureAppOutput,
  }, ctx.log);
}

/** The version in the package.json two folders up (the package root from lib/cli or dist/cli). */
function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

function validate(args: string[], ctx: CommandContext): number {
  const { flags, switches } = parseArgs(args, ['app', 'out'], ['json']);
  const out = flags.out ?? 'cdk.out';
  const synthCode = synthesizeIfAsked(flags.app, out, ctx);
  if (synthCode !== 0) return synthCode;
  const output = readSynthOutput(out, ctx.cwd);
  const result = validateOutput(output);
  if (switches.has('json')) ctx.print(JSON.stringify({ out, ...result }, null, 2));
  else formatValidation(output, result).forEach(ctx.print);
  return result.findings.length === 0 ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then(code => { process.exitCode = code; });
}
