import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Finding } from './finding';
import { SynthOutput } from '../synth-output';

/** Paths inside an output that tools write after synthesis; they are not artifacts. */
const RUNTIME_PATHS = [/^state\//, /^plans\//, /(^|\/)\.terraform(\/|$)/, /(^|\/)\.terraform\.lock\.hcl$/, /(^|\/)terraform\.tfstate/];

/**
 * Every artifact of the manifest exists and has the recorded sha256; every file of
 * the output is listed (except state, plans and Terraform's own caches).
 */
export function checkManifestIntegrity(output: SynthOutput): Finding[] {
  const findings: Finding[] = [];
  const listed = new Set<string>();
  for (const artifact of output.manifest.artifacts) {
    listed.add(artifact.path);
    const file = path.join(output.root, ...artifact.path.split('/'));
    if (!fs.existsSync(file)) {
      findings.push({ check: 'manifest', file: artifact.path, message: 'listed in manifest.json but missing from the output' });
      continue;
    }
    const actual = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    if (actual !== artifact.sha256) {
      findings.push({
        check: 'manifest',
        file: artifact.path,
        message: `sha256 mismatch: manifest.json records ${artifact.sha256.slice(0, 12)}…, the file has ${actual.slice(0, 12)}… (edited after synth?)`,
      });
    }
    if (artifact.kind === 'edge-bundle') findings.push(...checkBundleSums(output.root, artifact.path, listed));
  }
  for (const rel of listFiles(output.root)) {
    if (rel === 'manifest.json' || listed.has(rel) || RUNTIME_PATHS.some(p => p.test(rel))) continue;
    findings.push({ check: 'manifest', file: rel, message: 'present in the output but not listed in manifest.json' });
  }
  return findings;
}

/** An edge bundle is listed by its SHA256SUMS: every file it names must exist with that hash. */
function checkBundleSums(root: string, sumsPath: string, listed: Set<string>): Finding[] {
  const findings: Finding[] = [];
  const dir = sumsPath.slice(0, sumsPath.lastIndexOf('/'));
  for (const line of fs.readFileSync(path.join(root, ...sumsPath.split('/')), 'utf8').split('\n').filter(Boolean)) {
    const [hash, name] = [line.slice(0, 64), line.slice(66)];
    const rel = `${dir}/${name}`;
    listed.add(rel);
    const file = path.join(root, ...rel.split('/'));
    if (!fs.existsSync(file)) {
      findings.push({ check: 'manifest', file: rel, message: `listed in ${sumsPath} but missing from the output` });
    } else if (createHash('sha256').update(fs.readFileSync(file)).digest('hex') !== hash) {
      findings.push({ check: 'manifest', file: rel, message: `sha256 differs from ${sumsPath} (edited after synth?)` });
    }
  }
  return findings;
}

function listFiles(root: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap(entry => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, rel) : [rel];
  });
}
