import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { Workload, WorkloadProps, WorkloadRenderContext } from '../../lib';

/**
 * A workload whose rendered objects a test rewrites, to produce output the hardened
 * constructs never would (privileged containers, host ports, ...).
 */
export class TamperedWorkload extends Workload {
  constructor(scope: Construct, id: string, props: WorkloadProps, private readonly tamper: (objects: Array<Record<string, any>>) => void) {
    super(scope, id, props);
  }

  public renderObjects(context: WorkloadRenderContext): Array<Record<string, any>> {
    const objects = super.renderObjects(context);
    this.tamper(objects);
    return objects;
  }
}

/** The Deployment (or StatefulSet) among rendered objects. */
export function podOwner(objects: Array<Record<string, any>>): Record<string, any> {
  const owner = objects.find(o => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  if (!owner) throw new Error(`no Deployment or StatefulSet among ${objects.map(o => o.kind).join(', ')}`);
  return owner;
}

/** Parsed `policy/report.json` of an output directory. */
export function readReport(outdir: string): any {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'policy', 'report.json'), 'utf8'));
}

/** Parsed `policy/report.sarif` of an output directory. */
export function readSarif(outdir: string): any {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'policy', 'report.sarif'), 'utf8'));
}

/** Findings as compact tuples for exact comparisons: [ruleId, level, constructPath, file, jsonPath]. */
export function findingTuples(report: any): string[][] {
  return report.findings.map((f: any) => [f.ruleId, f.level, f.constructPath, f.file, f.jsonPath]);
}
