import { SynthOutput } from '../synth-output';

/** Added, changed and removed names. */
export interface Changes {
  readonly added: string[];
  readonly changed: string[];
  readonly removed: string[];
}

/** How two synth outputs differ, by content hash. */
export interface OutputDiff {
  /** Artifact files. */
  readonly files: Changes;
  /** Terraform stacks (`terraform/<stack>/`). */
  readonly stacks: Changes;
  /** Clusters (stacks the manifest describes as clusters), as `<name> (<cloud>)`. */
  readonly clusters: Changes;
  /** Edge sites (`edge/<site>/`). */
  readonly sites: Changes;
}

/** Compares `current` with `base` artifact by artifact. */
export function compareOutputs(base: SynthOutput, current: SynthOutput): OutputDiff {
  const before = new Map(base.manifest.artifacts.map(a => [a.path, a.sha256]));
  const after = new Map(current.manifest.artifacts.map(a => [a.path, a.sha256]));
  const files = changes(before, after);
  const unitOf = (prefix: string) => (file: string) => file.startsWith(prefix) ? file.slice(prefix.length).split('/')[0] : undefined;
  const stacks = groupChanges(files, before, after, unitOf('terraform/'));
  const sites = groupChanges(files, before, after, unitOf('edge/'));
  const clusterLabel = (output: SynthOutput, stack: string) => {
    const cluster = output.manifest.stacks[stack]?.cluster;
    return cluster ? `${cluster.name} (${cluster.cloud})` : undefined;
  };
  const clusters: Changes = {
    added: stacks.added.map(s => clusterLabel(current, s)).filter(isString),
    changed: stacks.changed.map(s => clusterLabel(current, s)).filter(isString),
    removed: stacks.removed.map(s => clusterLabel(base, s)).filter(isString),
  };
  return { files, stacks, clusters, sites };
}

/** Whether anything differs. */
export function isEmpty(diff: OutputDiff): boolean {
  return diff.files.added.length + diff.files.changed.length + diff.files.removed.length === 0;
}

function changes(before: Map<string, string>, after: Map<string, string>): Changes {
  const added = [...after.keys()].filter(k => !before.has(k)).sort();
  const removed = [...before.keys()].filter(k => !after.has(k)).sort();
  const changed = [...after.keys()].filter(k => before.has(k) && before.get(k) !== after.get(k)).sort();
  return { added, changed, removed };
}

/** Lifts file changes to units (stacks, sites): a unit is added/removed when all its files are. */
function groupChanges(files: Changes, before: Map<string, string>, after: Map<string, string>,
  unitOf: (file: string) => string | undefined): Changes {
  const unitsBefore = new Set([...before.keys()].map(unitOf).filter(isString));
  const unitsAfter = new Set([...after.keys()].map(unitOf).filter(isString));
  const touched = new Set([...files.added, ...files.changed, ...files.removed].map(unitOf).filter(isString));
  return {
    added: [...unitsAfter].filter(u => !unitsBefore.has(u)).sort(),
    removed: [...unitsBefore].filter(u => !unitsAfter.has(u)).sort(),
    changed: [...touched].filter(u => unitsBefore.has(u) && unitsAfter.has(u)).sort(),
  };
}

function isString(x: string | undefined): x is string {
  return typeof x === 'string';
}
