// `npm run bench` (second part): the retail edge example at 1,000 and 10,000 stores
// (five workloads each), cold, in fresh node processes, alternating; the 1,000 stores
// once more with policy off (the policy's cost); plus the floor: writing the same files
// (same paths and sizes) with bare writeFileSync calls.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median, runCode, runScript, Sample } from './measure';

const RUNS = Number(process.env.BENCH_EDGE_RUNS ?? 3);
const SCRIPT = path.resolve('.bench-build/bench/edge-sites.js');

function listFiles(root: string, prefix = ''): Array<[string, number]> {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap(e => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(root, rel) : [[rel, fs.statSync(path.join(root, rel)).size] as [string, number]];
  });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-fleet-edge-bench-'));
const out = (name: string) => path.join(work, name);
// Every run writes to a new directory and nothing is deleted until the end: on some file
// systems deleting tens of thousands of files slows the writes that follow it.
const variants = [
  { name: 'edge 1,000 sites', sites: 1000, env: (i: number) => ({ EDGE_SITES: '1000', CDK_FLEET_OUTDIR: out(`e1k-${i}`) }) },
  { name: 'edge 10,000 sites', sites: 10000, env: (i: number) => ({ EDGE_SITES: '10000', CDK_FLEET_OUTDIR: out(`e10k-${i}`) }) },
  { name: 'edge 1,000 sites, policy off', sites: 1000, env: (i: number) => ({ EDGE_SITES: '1000', EDGE_POLICY: 'off', CDK_FLEET_OUTDIR: out(`e1k-off-${i}`) }) },
];
const samples: Sample[][] = variants.map(() => []);
const floor: Sample[] = [];
let files: Array<[string, number]> = [];
for (let i = 0; i < RUNS; i++) {
  variants.forEach((v, j) => samples[j].push(runScript(SCRIPT, v.env(i))));
  if (i === 0) {
    files = listFiles(out('e10k-0'));
    fs.writeFileSync(out('floor.json'), JSON.stringify(files));
  }
  floor.push(runCode(`const fs=require('fs'),p=require('path');const root=${JSON.stringify(out(`floor-${i}`))};const made=new Set();`
    + `for(const [rel,size] of JSON.parse(fs.readFileSync(${JSON.stringify(out('floor.json'))},'utf8'))){const f=p.join(root,rel);const d=p.dirname(f);`
    + 'if(!made.has(d)){fs.mkdirSync(d,{recursive:true});made.add(d);}fs.writeFileSync(f,\'x\'.repeat(size));}', {}));
}
fs.rmSync(work, { recursive: true, force: true });

const results = variants.map((v, j) => ({
  ...v,
  wall: median(samples[j].map(s => s.wallSeconds)),
  rss: median(samples[j].map(s => s.peakRssMb)),
}));
const floorWall = median(floor.map(s => s.wallSeconds));
console.log(`\nedge synth (examples/edge-retail scaled), median of ${RUNS} cold runs each (node ${process.version}, ${os.cpus().length} cores)`);
console.log('variant                       wall (s)  peak RSS (MB)  sites/s');
for (const r of results) {
  console.log(`${r.name.padEnd(28)} ${r.wall.toFixed(3).padStart(9)}  ${r.rss.toFixed(0).padStart(13)}  ${(r.sites / r.wall).toFixed(0).padStart(7)}`);
}
console.log(`${'floor: bare writes, 10k'.padEnd(28)} ${floorWall.toFixed(3).padStart(9)}  (${files.length} files of the same sizes, no rendering)`);
const [small, large, noPolicy] = results;
const policyCost = (small.wall - noPolicy.wall) / noPolicy.wall;
const ratio = large.wall / small.wall;
console.log(`ratio t(10,000) / t(1,000): ${ratio.toFixed(2)}; 10,000 sites = ${(large.wall / floorWall).toFixed(2)}x the bare-write floor`);
console.log(`policy on 1,000 sites: +${(policyCost * 100).toFixed(1)} % synth time (${small.wall.toFixed(3)} s vs ${noPolicy.wall.toFixed(3)} s with policy off)`);
const checks = [
  [`edge 10,000 sites <= 10 s wall (${large.wall.toFixed(2)} s)`, large.wall <= 10],
  [`edge 10,000 sites <= 1.5 GB peak RSS (${large.rss.toFixed(0)} MB)`, large.rss <= 1536],
  [`edge linear: t(10,000)/t(1,000) <= 12 (${ratio.toFixed(2)})`, ratio <= 12],
  [`policy adds <= 15 % to the 1,000-site synth (${(policyCost * 100).toFixed(1)} %)`, policyCost <= 0.15],
] as const;
for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${label}`);
if (process.env.BENCH_STRICT && checks.some(([, ok]) => !ok)) process.exitCode = 1;
