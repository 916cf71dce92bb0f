import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { ICluster } from '../clusters/cluster';
import { Cloud } from '../core/cloud';
import { enumProblem, invalid, show } from '../core/errors';

const KIND = 'fleet';

/** Checks `additionalRegions` entries (`<cloud>:<region>`) and returns them. */
export function checkAdditionalRegions(scope: IConstruct, entries: readonly string[] | undefined): string[] {
  const clouds = Object.values<string>(Cloud);
  (entries ?? []).forEach((entry, i) => {
    const [cloud, region, ...rest] = typeof entry === 'string' ? entry.split(':') : [];
    if (!clouds.includes(cloud) || !/^[a-z][-a-z0-9]*[a-z0-9]$/.test(region ?? '') || rest.length > 0) {
      invalid(KIND, scope, `additionalRegions[${i}] ${show(entry)} is not '<cloud>:<region>' with cloud ${clouds.join(', ')} (e.g. 'aws:ap-east-3')`);
    }
  });
  return [...(entries ?? [])];
}

/** Checks an enum-typed fleet prop at runtime (jsii callers pass strings). */
export function checkFleetEnum(scope: IConstruct, prop: string, value: unknown, values: Record<string, string>, enumName: string): void {
  const problem = value === undefined ? undefined : enumProblem(value, values, enumName);
  if (problem) invalid(KIND, scope, `${prop} ${show(value)} ${problem}`);
}

/**
 * Two clusters of one cloud with one name in one location collide on the cloud
 * (EKS: per account and region; GKE: per project and location; AKS: per location here,
 * since the default resource group is derived from the name). Returns the problems.
 */
export function clusterNameCollisions(clusters: ICluster[]): string[] {
  const seen = new Map<string, ICluster>();
  const problems: string[] = [];
  for (const cluster of clusters) {
    const c = cluster as ICluster & { region?: string; location?: string; project?: string };
    const where = [c.project, c.cloud === Cloud.AWS ? c.region : c.location].filter(Boolean).join('/');
    const key = `${c.cloud}|${where}|${c.clusterName}`;
    const other = seen.get(key);
    if (other) {
      problems.push(`clusters '${other.node.path}' and '${cluster.node.path}' both use clusterName '${cluster.clusterName}' on ${cluster.cloud} in '${where}'; ` +
        'the cloud allows one cluster per name there, so give one of them another clusterName');
    } else {
      seen.set(key, cluster);
    }
  }
  return problems;
}

/** Output directories synthesized by this process, by absolute path → the fleet construct that wrote them. */
const WRITERS = new Map<string, IConstruct>();

/**
 * Records that `fleet` writes `outdir`; a second, different fleet of this process that
 * writes the same directory (which would replace the first one's output) is an error.
 * A fleet with the same name (a rebuild of the same program) may write it again.
 */
export function claimOutdir(fleet: IConstruct, outdir: string): void {
  const resolved = path.resolve(outdir);
  const previous = WRITERS.get(resolved);
  if (previous && previous !== fleet && previous.node.id !== fleet.node.id) {
    invalid(KIND, fleet, `outdir ${show(outdir)} was already written by fleet '${previous.node.id}' in this program; ` +
      'each Fleet needs its own outdir (e.g. cdk.out/<fleet name>), or its output replaces the other\'s');
  }
  WRITERS.set(resolved, fleet);
}

/**
 * Checks, before anything is built, that the output's parent directory can be created
 * and written (a real probe: permission bits say nothing for root or read-only mounts),
 * so a read-only or non-directory parent is a clear error, not a raw stack trace.
 */
export function checkOutdirParent(fleet: IConstruct, outdir: string): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  const probe = path.join(parent, `.${path.basename(target)}.probe-${process.pid}`);
  try {
    fs.mkdirSync(parent, { recursive: true });
    fs.mkdirSync(probe);
    fs.rmdirSync(probe);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOTDIR' || err.code === 'EEXIST' ? 'a part of the path is a file, not a directory'
      : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied'
        : err.code === 'EROFS' ? 'the file system is read-only' : err.message;
    invalid(KIND, fleet, `outdir ${show(outdir)} cannot be written: its parent '${path.basename(parent)}' cannot hold a new directory (${why}` +
      `${err.code ? `, ${err.code}` : ''}); choose a writable outdir (FleetProps.outdir, --out or ${'CDK_FLEET_OUTDIR'})`);
  }
}
