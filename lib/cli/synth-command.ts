import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PolicyCounts, policySummaryLine } from '../policy/report-json';

/** Options of `cdk-fleet synth`. */
export interface SynthCommandOptions {
  /** Command that runs the user's program. */
  readonly app: string;
  /** Output directory. */
  readonly out: string;
  /** Working directory. */
  readonly cwd: string;
  /** Also print a JSON summary (stacks, resources, files, seconds, warnings) here. */
  readonly printJson?: (line: string) => void;
  /** Pass the program's stdout and stderr to `log` when it ends instead of inheriting them. @default false */
  readonly captureAppOutput?: boolean;
}

/** Runs the user's program with the output directory set, then summarizes manifest.json. Returns the exit code. */
export function runSynth(options: SynthCommandOptions, log: (line: string) => void): number {
  const out = path.resolve(options.cwd, options.out);
  const manifestPath = path.join(out, 'manifest.json');
  const before = fs.existsSync(manifestPath) ? fs.statSync(manifestPath).mtimeMs : undefined;
  const preload = path.resolve(__dirname, '..', '..', 'bin', 'error-handler.js');
  const started = process.hrtime.bigint();
  const child = spawnSync(options.app, {
    cwd: options.cwd,
    shell: true,
    stdio: options.captureAppOutput ? 'pipe' : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      CDK_FLEET_OUTDIR: out,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim(),
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (options.captureAppOutput) {
    for (const text of [child.stdout, child.stderr]) {
      if (text) text.replace(/\n$/, '').split('\n').forEach(l => log(l));
    }
  }
  if (child.error) {
    log(`cdk-fleet synth: could not start '${options.app}': ${child.error.message}`);
    return 2;
  }
  if (child.status !== 0) {
    log(`cdk-fleet synth: '${options.app}' failed (exit code ${child.status ?? child.signal}); the previous output in ${options.out} was left as it was`);
    return 2;
  }
  if (!fs.existsSync(manifestPath) || fs.statSync(manifestPath).mtimeMs === before) {
    log(`cdk-fleet synth: '${options.app}' ran but wrote no output to ${options.out}; does the program call fleet.synth()?`);
    return 1;
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const policy = readPolicyCounts(out);
  for (const line of summarize(manifest, options.out, seconds, policy)) log(line);
  if (options.printJson) options.printJson(JSON.stringify(jsonSummary(manifest, options.out, seconds, policy), null, 2));
  return 0;
}


/** Reads the counts of `<out>/policy/report.json`; undefined when there is none (policy off). */
export function readPolicyCounts(out: string): PolicyCounts | undefined {
  const file = path.join(out, 'policy', 'report.json');
  if (!fs.existsSync(file)) return undefined;
  const counts = JSON.parse(fs.readFileSync(file, 'utf8')).counts ?? {};
  return { error: counts.error ?? 0, warning: counts.warning ?? 0, info: counts.info ?? 0, suppressed: counts.suppressed ?? 0 };
}

/** `policy: 0 errors, 3 warnings, 1 info (2 suppressed) → policy/report.json, policy/report.sarif` */
export function policyLine(counts: PolicyCounts, out: string): string {
  return `${policySummaryLine(counts)} → ${out}/policy/report.json, report.sarif`;
}

/** The summary `synth --json` prints. */
export function jsonSummary(manifest: any, out: string, seconds: number, policy?: PolicyCounts): Record<string, unknown> {
  const stacks = Object.entries<any>(manifest.stacks ?? {}).map(([name, s]) => ({
    name, cloud: s.cluster?.cloud ?? s.addons?.cloud, resources: s.resources, planWave: s.planWave, dependsOn: s.dependsOn,
  }));
  return {
    out,
    seconds: Number(seconds.toFixed(3)),
    stacks,
    resources: stacks.reduce((n, s) => n + (s.resources ?? 0), 0),
    files: fileCount(manifest),
    edgeSites: Object.keys(manifest.edge ?? {}).length,
    warnings: manifest.warnings ?? [],
    ...(manifest.acknowledgedWarnings ? { acknowledgedWarnings: manifest.acknowledgedWarnings } : {}),
    ...(policy ? { policy } : {}),
  };
}

/** The summary table printed after a synth. */
export function summarize(manifest: any, out: string, seconds: number, policy?: PolicyCounts): string[] {
  const stacks = Object.entries<any>(manifest.stacks ?? {});
  const resources = stacks.reduce((n, [, s]) => n + (s.resources ?? 0), 0);
  const files = fileCount(manifest);
  const sites = Object.keys(manifest.edge ?? {}).length;
  const rows = [['stack', 'cloud', 'resources', 'plan wave'],
    ...stacks.map(([name, s]) => [name, s.cluster?.cloud ?? s.addons?.cloud ?? '-', String(s.resources), String(s.planWave)])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  const lines = [
    `cdk-fleet synth: ${stacks.length} stack(s), ${resources} resource(s), ${sites > 0 ? `${sites} edge site(s), ` : ''}`
      + `${files} file(s) in ${seconds.toFixed(2)} s → ${out}`,
    ...(stacks.length > 0 ? rows.map(r => '  ' + r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()) : []),
  ];
  for (const w of manifest.warnings ?? []) lines.push(`  warning: ${w.path}: ${w.message}${w.id ? ` [${w.id}]` : ''}`);
  for (const a of manifest.acknowledgedWarnings ?? []) lines.push(`  acknowledged: ${a.path}: [${a.id}] ${a.reason}`);
  if (policy) lines.push(`  ${policyLine(policy, out)}`);
  return lines;
}

/** Files written: the artifacts, manifest.json, and each edge bundle's files besides its listed SHA256SUMS. */
function fileCount(manifest: any): number {
  const bundled = Object.values<any>(manifest.edge ?? {}).reduce((n, site) => n + (site.files ?? 1) - 1, 0);
  return (manifest.artifacts ?? []).length + 1 + bundled;
}
