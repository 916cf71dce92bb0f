import * as fs from 'fs';
import * as path from 'path';
import { runSynth } from './synth-command';

const USAGE = `usage: cdk-fleet synth [--app <command>] [--out <dir>]

  synth   run the fleet program and write its output tree (default cdk.out/)
          --app  command that runs the program (default: "app" in cdk-fleet.json)
          --out  output directory (default: cdk.out)`;

/** Entry point of the `cdk-fleet` command. Returns the exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[], log: (line: string) => void = l => process.stderr.write(l + '\n')): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'synth') {
    log(`cdk-fleet: unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  const flags = parseFlags(rest, ['app', 'out']);
  if (typeof flags === 'string') {
    log(`cdk-fleet synth: ${flags}\n${USAGE}`);
    return 2;
  }
  const cwd = process.cwd();
  const app = flags.app ?? readConfiguredApp(cwd);
  if (!app) {
    log('cdk-fleet synth: no program to run; pass --app "<command>" or set "app" in cdk-fleet.json');
    return 2;
  }
  return runSynth({ app, out: flags.out ?? 'cdk.out', cwd }, log);
}

function parseFlags(args: string[], known: string[]): Record<string, string> | string {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!m || !known.includes(m[1])) return `unknown argument '${args[i]}'`;
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '') return `--${m[1]} needs a value`;
    flags[m[1]] = value;
  }
  return flags;
}

function readConfiguredApp(cwd: string): string | undefined {
  const file = path.join(cwd, 'cdk-fleet.json');
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')).app;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then(code => { process.exitCode = code; });
}
