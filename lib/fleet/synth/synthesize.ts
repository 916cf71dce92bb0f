import * as os from 'os';
import { AnnotationMetadataEntryType, TerraformBackend, TerraformResource, TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { IConstruct } from 'constructs';
import { edgeTree } from './edge-tree';
import { kubernetesTree } from './kubernetes-tree';
import { planWaves } from './plan-order';
import { policyStep } from './policy-step';
import { renderStack } from './render-stack';
import { addAddonStacks } from '../../addons/add-addon-stacks';
import { ClusterAddonsStack } from '../../addons/addons-stack';
import { ClusterStack } from '../../clusters/cluster-stack';
import { ErrorCode } from '../../core/error-codes';
import { FleetValidationError } from '../../core/errors';
import { sha256, stableJson } from '../../core/stable-json';
import { tagsAt } from '../../core/tags';
import { AcknowledgedWarning, acknowledgementsOf, resolveWarnings, warningIdOf } from '../../core/warnings';
import { PolicyTerraformArtifact } from '../../policy/input';
import { PolicyOptions } from '../../policy/policy-options';
import { PolicyCounts } from '../../policy/report-json';
import { addTeamAccess } from '../../teams/team-access';
import { placeTeams } from '../../teams/team-placement';
import { placeManifests } from '../../workloads/manifest/place-manifests';
import { placeWorkloads } from '../../workloads/placement';
import { Backend } from '../state/backend';
import { StateEncryption } from '../state/encryption';

/** Version of the manifest.json layout. */
export const MANIFEST_VERSION = 1;

/** What synthesis needs to know about the fleet. */
export interface SynthesisInput {
  readonly root: IConstruct;
  readonly backend: Backend;
  readonly engine: string;
  readonly encryption?: StateEncryption;
  readonly policy?: PolicyOptions;
}

/** A diagnostic raised during construction or synthesis. */
export interface Diagnostic {
  readonly level: 'warning' | 'error' | 'info';
  readonly path: string;
  readonly message: string;
  /** Stable warning id (`ckf-w:...`), when cdk-fleet raised it. */
  readonly id?: string;
}

/** The complete output tree, not yet written. */
export interface SynthesizedTree {
  /** Relative POSIX path → file contents (manifest.json included). */
  readonly files: Map<string, string | Buffer>;
  /** Names of the Terraform stacks (each is `terraform/<name>/`). */
  readonly stacks: string[];
  /** The manifest object written as manifest.json. */
  readonly manifest: Record<string, any>;
  /** Warnings to show the user. */
  readonly warnings: Diagnostic[];
  /** Warnings acknowledged with a reason (not shown; listed in manifest.json). */
  readonly acknowledged: AcknowledgedWarning[];
  /** Policy finding counts; undefined when policy is off. */
  readonly policy?: PolicyCounts;
}

/**
 * Builds the whole output tree in memory: one directory per Terraform stack plus
 * manifest.json. Nothing is written here, so a failure leaves no trace on disk.
 */
export function synthesizeTree(input: SynthesisInput, sink?: (file: string, content: string | Buffer) => void): SynthesizedTree {
  const teams = placeTeams(input.root);
  const placements = placeWorkloads(input.root, teams);
  // Before the add-ons are planned: the manifests' kinds may need KEDA, the Gateway API or the metrics API.
  const manifests = placeManifests(input.root, teams, placements);
  addTeamAccess(teams);
  addAddonStacks(input.root, placements);
  const stacks = input.root.node.findAll().filter(TerraformStack.isStack) as TerraformStack[];
  checkStackNames(stacks);

  for (const stack of stacks) {
    if (!stack.node.children.some(c => TerraformBackend.isBackend(c))) input.backend._bind(stack);
    invokeAspects(stack);
    applyTags(stack);
  }
  for (const stack of stacks) stack.prepareStack();

  const diagnostics = collectDiagnostics(input.root);
  const errors = diagnostics.filter(d => d.level === 'error');
  const validation = input.root.node.findAll().flatMap(c => c.node.validate().map(message => ({ path: c.node.path, message })));
  if (errors.length > 0 || validation.length > 0) {
    const lines = [...errors, ...validation].map(e => `  ${e.path}: ${e.message}`);
    throw new FleetValidationError(`synth: the fleet has ${lines.length} error(s); nothing was written:\n${lines.join('\n')}`, '', ErrorCode.VALIDATION);
  }

  const files = new Map<string, string | Buffer>();
  const dependsOn = new Map<string, string[]>();
  const stackEntries: Record<string, any> = {};
  const policyTerraform: PolicyTerraformArtifact[] = [];
  for (const stack of stacks) {
    const rendered = renderStack(stack, input.encryption);
    const dir = `terraform/${rendered.name}`;
    files.set(`${dir}/main.tf.json`, stableJson(rendered.terraform));
    policyTerraform.push({ file: `${dir}/main.tf.json`, stack: rendered.name, json: rendered.terraform });
    if (rendered.tofu) files.set(`${dir}/main.tofu.json`, stableJson(rendered.tofu));
    const deps = stack.dependencies.map(d => d.node.id).sort();
    dependsOn.set(rendered.name, deps);
    stackEntries[rendered.name] = {
      directory: dir,
      dependsOn: deps,
      resources: rendered.resourceCount,
      backend: input.backend.type,
      ...(stack instanceof ClusterStack ? { cluster: stack.describe() } : {}),
      ...(stack instanceof ClusterAddonsStack ? { addons: stack.describe() } : {}),
    };
  }
  const waves = planWaves(dependsOn);
  waves.forEach((wave, i) => wave.forEach(name => { stackEntries[name].planWave = i; }));
  const kubernetes = kubernetesTree(input.root, placements, teams, manifests);
  for (const [file, content] of kubernetes.files) files.set(file, content);
  const machinePaths = machinePathGuard();
  const edge = edgeTree(input.root, sink ? (file, content) => { machinePaths(file, content); sink(file, content); } : undefined);
  for (const [file, content] of edge.files) files.set(file, content);
  // Policy runs once over everything built so far; enforced errors throw before anything is written.
  const policyInput = { terraform: policyTerraform, kubernetes: [...kubernetes.objects, ...edge.objects] };
  const policy = policyStep(input.root, input.policy, policyInput);
  for (const [file, content] of policy.files) files.set(file, content);

  const edgeArtifacts = Object.keys(edge.sites).flatMap(site => {
    const entry = edge.sites[site];
    return [
      { path: `${entry.directory}/SHA256SUMS`, kind: 'edge-bundle', site, sha256: entry.sha256sums },
      ...(entry.archiveSha256 ? [{ path: `edge-archives/${site}.tar.gz`, kind: 'edge-archive', site, sha256: entry.archiveSha256 }] : []),
    ];
  });
  const artifacts = [...files.keys()].sort().filter(file => !file.startsWith('edge/') && !file.startsWith('edge-archives/')).map(file => {
    const [area, unit] = file.split('/');
    if (area === 'gitops') return { path: file, kind: 'gitops', engine: unit, sha256: sha256(files.get(file)!) };
    if (area === 'policy') return { path: file, kind: 'policy-report', sha256: sha256(files.get(file)!) };
    if (area === 'kubernetes') {
      return { path: file, kind: file.endsWith('/kustomization.yaml') ? 'kustomization' : 'kubernetes-manifest', cluster: unit, sha256: sha256(files.get(file)!) };
    }
    return {
      path: file,
      kind: file.endsWith('.tofu.json') ? 'opentofu-stack' : 'terraform-stack',
      stack: unit,
      sha256: sha256(files.get(file)!),
      dependsOn: stackEntries[unit].dependsOn,
      planWave: stackEntries[unit].planWave,
    };
  }).concat(edgeArtifacts as any[]).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const raised = [...diagnostics.filter(d => d.level === 'warning'), ...[...edge.warnings, ...policy.warnings].map(w => ({ level: 'warning' as const, ...w }))];
  const resolved = resolveWarnings(raised, acknowledgementsOf(input.root));
  const warnings: Diagnostic[] = resolved.shown.map(w => ({ level: 'warning' as const, ...w }));
  const manifest = {
    manifestVersion: MANIFEST_VERSION,
    fleet: input.root.node.id,
    engine: input.engine,
    planOrder: waves,
    stacks: stackEntries,
    ...(Object.keys(kubernetes.clusters).length > 0 ? { kubernetes: kubernetes.clusters } : {}),
    ...(Object.keys(edge.sites).length > 0 ? { edge: edge.sites } : {}),
    artifacts,
    warnings,
    ...(resolved.acknowledged.length > 0 ? { acknowledgedWarnings: resolved.acknowledged } : {}),
    state: { backend: input.backend.type, ...(input.backend.stateDirectory ? { directory: input.backend.stateDirectory } : {}) },
  };
  files.set('manifest.json', stableJson(manifest));
  for (const [file, content] of files) machinePaths(file, content);
  return { files, stacks: stacks.map(s => s.node.id), manifest, warnings, acknowledged: resolved.acknowledged, policy: policy.counts };
}

/**
 * The tree with more warnings (about the output directory: state kept, moved or
 * recovered) added to its manifest. Their paths are relative to the output.
 */
export function withWarnings(tree: SynthesizedTree, extra: Diagnostic[]): SynthesizedTree {
  if (extra.length === 0) return tree;
  const warnings = [...tree.warnings, ...extra];
  const manifest = { ...tree.manifest, warnings };
  const files = new Map(tree.files);
  files.set('manifest.json', stableJson(manifest));
  return { ...tree, files, manifest, warnings };
}

function checkStackNames(stacks: TerraformStack[]): void {
  const seen = new Map<string, string>();
  for (const stack of stacks) {
    const name = stack.node.id;
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
      throw new FleetValidationError(`stack '${stack.node.path}': name '${name}' cannot be a directory name of the output; use letters, digits, '-' and '_'`, stack.node.path, ErrorCode.PROPS);
    }
    const other = seen.get(name);
    if (other) {
      throw new FleetValidationError(`stack '${stack.node.path}': name '${name}' is already used by '${other}'; stack names must be unique in a fleet because each gets terraform/<name>/`, stack.node.path, ErrorCode.DUPLICATE);
    }
    seen.set(name, stack.node.path);
  }
}

/**
 * Merges the tags in force at each taggable resource into its tag map (the
 * resource's own tags win): `tags` on AWS and Azure, `resource_labels` or `labels`
 * on Google Cloud.
 */
function applyTags(stack: TerraformStack): void {
  for (const c of stack.node.findAll()) {
    if (!(c instanceof TerraformResource)) continue;
    const attribute = tagAttribute(c);
    if (!attribute) continue;
    const inherited = tagsAt(c);
    if (Object.keys(inherited).length === 0) continue;
    const own = (c as any)[`${attribute}Input`];
    if (own !== undefined && (typeof own !== 'object' || Array.isArray(own))) continue;
    (c as any)[attribute] = { ...inherited, ...(own ?? {}) };
  }
}

function tagAttribute(resource: TerraformResource): string | undefined {
  const candidates = resource.terraformResourceType.startsWith('google_') ? ['resourceLabels', 'labels'] : ['tags'];
  return candidates.find(name => hasMapAttribute(resource, name));
}

function hasMapAttribute(resource: TerraformResource, name: string): boolean {
  for (let proto = Object.getPrototypeOf(resource); proto && proto !== TerraformResource.prototype; proto = Object.getPrototypeOf(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (d?.set && Object.getOwnPropertyDescriptor(proto, `${name}Input`)) return true;
  }
  return false;
}

function collectDiagnostics(root: IConstruct): Diagnostic[] {
  const levels: Record<string, Diagnostic['level']> = {
    [AnnotationMetadataEntryType.WARN]: 'warning',
    [AnnotationMetadataEntryType.ERROR]: 'error',
    [AnnotationMetadataEntryType.INFO]: 'info',
  };
  return root.node.findAll().flatMap(c => c.node.metadata
    .filter(m => levels[m.type] !== undefined)
    .map(m => {
      const id = levels[m.type] === 'warning' ? warningIdOf(c, String(m.data)) : undefined;
      return { level: levels[m.type], path: c.node.path, message: String(m.data), ...(id ? { id } : {}) };
    }));
}

/**
 * Synthesis must not leak the machine it ran on: no working directory, home or temp path.
 * Returns a check to call on every file (each distinct short content is checked once:
 * edge sites share most contents; V8 hashes strings over 16K by length only, so those
 * are not memoized).
 */
function machinePathGuard(): (file: string, content: string | Buffer) => void {
  const needles = [process.cwd(), os.homedir(), os.tmpdir()].filter(p => p.length > 4);
  const checked = new Set<string>();
  return (file, content) => {
    if (typeof content === 'string' && content.length < 16000) {
      if (checked.has(content)) return;
      if (checked.size < 2000) checked.add(content); // the shared contents show up first; unique ones are not kept
    }
    const hit = needles.find(n => content.includes(n));
    if (hit) {
      throw new FleetValidationError(`synth: ${file} would contain the absolute path '${hit}' of this machine; use paths relative to the output directory`, '', ErrorCode.OUTPUT);
    }
  };
}
