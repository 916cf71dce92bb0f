import * as fs from 'fs';
import * as path from 'path';
import { Finding } from './finding';
import { checkKubernetesObjects, isKubernetesArtifact } from './kubernetes-schemas';
import { checkManifestIntegrity } from './manifest-integrity';
import { checkPolicyReport } from './policy-report';
import { checkTerraformReferences } from './terraform-references';
import { readArtifact, SynthOutput } from '../synth-output';

/** Result of validating one synth output. */
export interface ValidationResult {
  readonly checked: { artifacts: number; stacks: number; kubernetesObjects: number; unknownKinds: string[]; policyReport: boolean };
  readonly findings: Finding[];
}

/** Runs every check over a synth output. */
export function validateOutput(output: SynthOutput): ValidationResult {
  const findings = checkManifestIntegrity(output);
  const damaged = new Set(findings.map(f => f.file));
  let stacks = 0;
  let kubernetesObjects = 0;
  let policyReport = false;
  const unknownKinds = new Set<string>();
  const byHash = new Map<string, ReturnType<typeof checkKubernetesObjects>>();
  const checkYaml = (file: string, hash?: string) => {
    // Edge sites share most manifests: identical contents (same sha256) are validated once.
    let result = hash ? byHash.get(hash) : undefined;
    if (!result) {
      result = checkKubernetesObjects(file, readArtifact(output, file));
      if (hash) byHash.set(hash, result);
    }
    kubernetesObjects += result.objects;
    result.unknownKinds.forEach(k => unknownKinds.add(k));
    findings.push(...result.findings.map(f => ({ ...f, file })));
  };
  for (const artifact of output.manifest.artifacts) {
    if (damaged.has(artifact.path) && !exists(output, artifact.path)) continue;
    if (artifact.kind === 'edge-bundle') {
      const dir = artifact.path.slice(0, artifact.path.lastIndexOf('/'));
      for (const line of readArtifact(output, artifact.path).split('\n').filter(Boolean)) {
        const file = `${dir}/${line.slice(66)}`;
        if (isKubernetesArtifact(file) && !damaged.has(file)) checkYaml(file, line.slice(0, 64));
      }
      continue;
    }
    if (artifact.path === 'policy/report.json') {
      policyReport = true;
      findings.push(...checkPolicyReport(artifact.path, readArtifact(output, artifact.path)));
      continue;
    }
    if (isKubernetesArtifact(artifact.path)) {
      checkYaml(artifact.path);
      continue;
    }
    if (!artifact.path.endsWith('.tf.json') && !artifact.path.endsWith('.tofu.json')) continue;
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
  return {
    checked: { artifacts: output.manifest.artifacts.length, stacks, kubernetesObjects, unknownKinds: [...unknownKinds].sort(), policyReport },
    findings,
  };
}

/** Human-readable lines for a validation result. */
export function formatValidation(output: SynthOutput, result: ValidationResult): string[] {
  const lines = result.findings.map(f => `  ✗ [${f.check}] ${f.file}${f.jsonPath ? ` ${f.jsonPath}` : ''}: ${f.message}`);
  const verdict = result.findings.length === 0 ? 'clean' : `${result.findings.length} problem(s)`;
  return [
    `cdk-fleet validate: ${output.dir}: ${result.checked.artifacts} artifact(s), ${result.checked.stacks} Terraform file(s), ` +
      `${result.checked.kubernetesObjects} Kubernetes object(s)${result.checked.policyReport ? ', policy report' : ''} checked: ${verdict}`,
    ...(result.checked.unknownKinds.length > 0 ? [`  (no schema for ${result.checked.unknownKinds.join(', ')}; not checked)`] : []),
    ...lines,
  ];
}

function exists(output: SynthOutput, rel: string): boolean {
  return fs.existsSync(path.join(output.root, ...rel.split('/')));
}
