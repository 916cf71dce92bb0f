import { Finding } from './finding';
import { checkManifestIntegrity } from './manifest-integrity';
import { checkTerraformReferences } from './terraform-references';
import { readArtifact, SynthOutput } from '../synth-output';

/** Result of validating one synth output. */
export interface ValidationResult {
  readonly checked: { artifacts: number; stacks: number };
  readonly findings: Finding[];
}

/** Runs every check over a synth output. */
export function validateOutput(output: SynthOutput): ValidationResult {
  const findings = checkManifestIntegrity(output);
  const damaged = new Set(findings.map(f => f.file));
  let stacks = 0;
  for (const artifact of output.manifest.artifacts) {
    if (!artifact.path.endsWith('.tf.json') && !artifact.path.endsWith('.tofu.json')) continue;
    if (damaged.has(artifact.path) && !exists(output, artifact.path)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readArtifact(output, artifact.path));
    } catch (e) {
      findings.push({ check: 'terraform-json', file: artifact.path, message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    stacks++;
    findings.push(...checkTerraformReferences(artifact.path, parsed));
  }
  return { checked: { artifacts: output.manifest.artifacts.length, stacks }, findings };
}

/** Human-readable lines for a validation result. */
export function formatValidation(output: SynthOutput, result: ValidationResult): string[] {
  const lines = result.findings.map(f => `  ✗ [${f.check}] ${f.file}${f.jsonPath ? ` ${f.jsonPath}` : ''}: ${f.message}`);
  const verdict = result.findings.length === 0 ? 'clean' : `${result.findings.length} problem(s)`;
  return [
    `cdk-fleet validate: ${output.dir}: ${result.checked.artifacts} artifact(s), ${result.checked.stacks} Terraform file(s) checked: ${verdict}`,
    ...lines,
  ];
}

function exists(output: SynthOutput, rel: string): boolean {
  try {
    readArtifact(output, rel);
    return true;
  } catch {
    return false;
  }
}
