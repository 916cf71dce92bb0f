// Shared by the benchmark scripts: one cold run in a fresh node process, and medians.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Wall time and peak memory of one run. */
export interface Sample { wallSeconds: number; peakRssMb: number }

/** Runs `code` (JavaScript) in a fresh node process with `env` added; fails on a non-zero exit. */
export function runCode(code: string, env: Record<string, string>): Sample {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rss-')), 'rss');
  const reporter = `process.on('exit',()=>require('fs').writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS)))`;
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', `${reporter};${code}`], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`benchmark run failed:\n${child.stderr}`);
  const peakRssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
  fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  return { wallSeconds, peakRssMb };
}

/** Runs a script file in a fresh node process. */
export function runScript(script: string, env: Record<string, string>): Sample {
  return runCode(`require(${JSON.stringify(script)})`, env);
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
