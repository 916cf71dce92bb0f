// `npm run bench`: cold synth of the bundled EKS example (deep imports, cdk-fleet's
// writer) side by side with the same stack written with provider-root imports and
// the stock cdktf App; the cold synth of the multi-cloud example (three clouds); and
// 500 workloads over three clusters (bench/many-workloads.ts: EKS + GKE + AKS, YAML per
// cluster and the add-on stacks). Each variant runs in a fresh node process, alternating, and
// the median of the runs is reported; the edge benchmark (policy cost included) is bench/edge-run.ts. Run from the repository root after
// `tsc -p tsconfig.examples.json` (the bench task does both).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median, runScript, Sample } from './measure';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUILD = path.resolve('.bench-build');

function countResources(file: string): number {
  const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
  return Object.values<Record<string, unknown>>(tf.resource ?? {}).reduce((n, r) => n + Object.keys(r).length, 0);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-fleet-bench-'));
const variants: Array<{ name: string; script: string; env: Record<string, string>; output: () => string }> = [
  {
    name: 'cdk-fleet (deep imports)',
    script: path.join(BUILD, 'examples/eks-gpu/main.js'),
    env: { CDK_FLEET_OUTDIR: path.join(work, 'fleet.out') },
    output: () => path.join(work, 'fleet.out/terraform/prod-us/main.tf.json'),
  },
  {
    name: 'multi-cloud example (3 clouds)',
    script: path.join(BUILD, 'examples/multi-cloud-gpu/main.js'),
    env: { CDK_FLEET_OUTDIR: path.join(work, 'multi.out') },
    output: () => path.join(work, 'multi.out/terraform/gcp-us-central/main.tf.json'),
  },
  {
    name: '500 workloads over 3 clusters',
    script: path.join(BUILD, 'bench/many-workloads.js'),
    env: { CDK_FLEET_OUTDIR: path.join(work, 'many.out') },
    output: () => path.join(work, 'many.out/terraform/aws/main.tf.json'),
  },
  {
    name: 'provider-root imports (baseline)',
    script: path.join(BUILD, 'bench/baseline-root-imports.js'),
    env: { BASELINE_OUTDIR: path.join(work, 'baseline.out') },
    output: () => path.join(work, 'baseline.out/stacks/prod-us/cdk.tf.json'),
  },
];
const samples: Sample[][] = variants.map(() => []);
for (let i = 0; i < RUNS; i++) {
  variants.forEach((v, j) => samples[j].push(runScript(v.script, v.env)));
}
const results = variants.map((v, j) => ({
  name: v.name,
  wall: median(samples[j].map(s => s.wallSeconds)),
  rss: median(samples[j].map(s => s.peakRssMb)),
  resources: countResources(v.output()),
}));
fs.rmSync(work, { recursive: true, force: true });

const [fleet, multi, many, baseline] = results;
console.log(`cold synth, median of ${RUNS} runs each (node ${process.version}, ${os.cpus().length} cores)`);
console.log('variant                            wall (s)  peak RSS (MB)  resources (one stack)');
for (const r of results) {
  console.log(`${r.name.padEnd(34)} ${r.wall.toFixed(3).padStart(8)}  ${r.rss.toFixed(0).padStart(13)}  ${String(r.resources).padStart(9)}`);
}
const speedup = baseline.wall / fleet.wall;
const memory = baseline.rss / fleet.rss;
console.log(`ratio baseline / cdk-fleet (examples/eks-gpu): ${speedup.toFixed(1)}x wall time, ${memory.toFixed(1)}x peak memory`);
const checks = [
  [`eks-gpu >= 5x faster than baseline (${speedup.toFixed(1)}x)`, speedup >= 5],
  [`eks-gpu >= 5x less memory than baseline (${memory.toFixed(1)}x)`, memory >= 5],
  [`eks-gpu <= 1.5 s wall (${fleet.wall.toFixed(3)} s)`, fleet.wall <= 1.5],
  [`eks-gpu <= 300 MB peak RSS (${fleet.rss.toFixed(0)} MB)`, fleet.rss <= 300],
  [`multi-cloud <= 2 s wall (${multi.wall.toFixed(3)} s)`, multi.wall <= 2],
  [`multi-cloud <= 350 MB peak RSS (${multi.rss.toFixed(0)} MB)`, multi.rss <= 350],
  [`500 workloads over 3 clusters <= 3 s wall (${many.wall.toFixed(3)} s)`, many.wall <= 3],
] as const;
for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${label}`);
if (process.env.BENCH_STRICT && checks.some(([, ok]) => !ok)) process.exitCode = 1;
