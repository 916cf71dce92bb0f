import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Fleet, FleetProps } from '../../lib';
import { compareStrings } from '../../lib/core/compare';

const made: string[] = [];
process.on('exit', () => made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh temporary directory, removed at process exit. */
export function tempDir(prefix = 'cdk-fleet-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Every file under `root`, as relative POSIX path → contents. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareStrings(a.name, b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/** The result of synthesizing a fleet in a temporary directory. */
export interface Synthesized {
  readonly outdir: string;
  readonly manifest: any;
  /** Parsed `terraform/<stack>/main.tf.json`. */
  stack(name: string): any;
  /** All resources of a type in a stack, as a list of their bodies. */
  resources(stack: string, type: string): any[];
}

/** Builds a fleet with `build`, synthesizes it into a new temp dir and parses the output. */
export function synthFleet(build: (fleet: Fleet) => void, props: FleetProps = {}): Synthesized {
  const outdir = path.join(tempDir(), 'cdk.out');
  const fleet = new Fleet({ ...props, outdir });
  build(fleet);
  fleet.synth();
  return parseOutput(outdir);
}

/** Parses an existing output directory. */
export function parseOutput(outdir: string): Synthesized {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const stack = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'terraform', name, 'main.tf.json'), 'utf8'));
  return {
    outdir,
    manifest,
    stack,
    resources: (name, type) => Object.values(stack(name).resource?.[type] ?? {}),
  };
}
