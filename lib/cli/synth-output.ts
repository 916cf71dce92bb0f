import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';
import { show } from '../core/errors';
import { recoverInterruptedOutput } from '../fleet/synth/output-writer';

/** One artifact entry of manifest.json. */
export interface ManifestArtifact {
  readonly path: string;
  readonly kind: string;
  readonly stack?: string;
  readonly sha256: string;
  readonly dependsOn?: string[];
}

/** A synth output directory, read through its manifest. */
export interface SynthOutput {
  /** The directory as given on the command line. */
  readonly dir: string;
  /** Its absolute path. */
  readonly root: string;
  readonly manifest: {
    readonly stacks: Record<string, { directory: string; dependsOn: string[]; resources: number; cluster?: { cloud: string; name: string } }>;
    readonly artifacts: ManifestArtifact[];
    readonly planOrder: string[][];
    readonly [key: string]: unknown;
  };
}

/**
 * Reads `<dir>/manifest.json`, after finishing the recovery of a synth killed mid-swap.
 * A missing directory or an unreadable manifest is a usage error (exit 2) that says what to do.
 */
export function readSynthOutput(dir: string, cwd: string): SynthOutput {
  const root = path.resolve(cwd, dir);
  for (const n of recoverInterruptedOutput(root)) process.stderr.write(`warning: ${n.path}: ${n.message} [${n.id}]\n`);
  const manifestPath = path.join(root, 'manifest.json');
  if (!fs.existsSync(root)) throw new UsageError(`no synth output at '${dir}'; run 'cdk-fleet synth' first or pass --app`);
  if (!fs.existsSync(manifestPath)) throw new UsageError(`'${dir}' holds no manifest.json, so it is not a cdk-fleet synth output`);
  let manifest: any;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    throw new UsageError(`'${dir}/manifest.json' is not valid JSON (${(e as Error).message}); synthesize again`);
  }
  if (!manifest || typeof manifest !== 'object' || !Array.isArray(manifest.artifacts) || typeof manifest.stacks !== 'object') {
    throw new UsageError(`'${dir}/manifest.json' lacks 'artifacts' or 'stacks'; it was not written by this version of cdk-fleet`);
  }
  manifest.artifacts.forEach((a: any, i: number) => {
    const bad = a === null || typeof a !== 'object' ? 'it is not an object'
      : typeof a.path !== 'string' || a.path === '' || a.path.startsWith('/') || a.path.split('/').includes('..') ? `its path ${show(a.path)} is not a relative path inside the output`
        : typeof a.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(a.sha256) ? `its sha256 ${show(a.sha256)} is not 64 hex digits` : undefined;
    if (bad) throw new UsageError(`'${dir}/manifest.json' artifacts[${i}] is malformed: ${bad}; the manifest was edited or damaged, synthesize again`);
  });
  return { dir, root, manifest };
}

/** Reads an artifact's text. */
export function readArtifact(output: SynthOutput, relPath: string): string {
  return fs.readFileSync(path.join(output.root, ...relPath.split('/')), 'utf8');
}
