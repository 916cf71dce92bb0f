import * as fs from 'fs';
import * as path from 'path';
import { sha256 } from '../../lib/core/stable-json';

/**
 * Problems of an output directory against its own manifest.json: a missing manifest,
 * artifacts missing or with other bytes. Empty when the tree is complete.
 */
export function manifestProblems(dir: string): string[] {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) return [`${dir}: no manifest.json`];
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const problems: string[] = [];
  for (const artifact of manifest.artifacts) {
    const file = path.join(dir, ...artifact.path.split('/'));
    if (!fs.existsSync(file)) problems.push(`${artifact.path}: missing`);
    else if (sha256(fs.readFileSync(file)) !== artifact.sha256) problems.push(`${artifact.path}: other bytes than the manifest says`);
  }
  return problems;
}

/** Writes a Terraform state file that tracks `resources` resources. */
export function writeState(file: string, resources: number, serial = 1): string {
  const content = JSON.stringify({ version: 4, serial, lineage: 'test', resources: Array.from({ length: resources }, (_, i) => ({ type: 'null_resource', name: `r${i}` })) });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return content;
}
