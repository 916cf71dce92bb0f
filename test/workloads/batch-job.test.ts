import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { BatchJob, BatchJobProps, EksCluster, Fleet } from '../../lib';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { Synthesized, synthFleet } from '../support/synth';
import { testWithTool } from '../support/tools';

const props = (cluster: EksCluster, extra: Partial<BatchJobProps> = {}): BatchJobProps => ({
  image: 'ghcr.io/acme/reindex:2.2.0', placement: [cluster], resources: { cpu: '1', memory: '2Gi' }, ...extra,
});

function byKind(outdir: string, file: string): Record<string, any> {
  return Object.fromEntries(parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS()).map(o => [o.kind, o]));
}

describe('BatchJob', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1' });
      eks.addNodePool('general');
      new BatchJob(fleet, 'reindex', props(eks, { command: ['/bin/reindex'], args: ['--all'], backoffLimit: 1, activeDeadlineSeconds: 3600 }));
      new BatchJob(fleet, 'nightly', props(eks, { schedule: '0 3 * * *', allowTo: [{ cidr: '198.51.100.0/24', port: 443 }] }));
    });
  });

  test('a one-off Job runs the hardened pod to completion, with no Service and no ingress', () => {
    const objs = byKind(out.outdir, 'kubernetes/aws-us/reindex.yaml');
    expect(Object.keys(objs).sort()).toEqual(['Job', 'NetworkPolicy', 'ServiceAccount']);
    expect(objs.Job.spec).toMatchObject({
      backoffLimit: 1, activeDeadlineSeconds: 3600, completions: 1, parallelism: 1, ttlSecondsAfterFinished: 86400,
    });
    const pod = objs.Job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0]).toMatchObject({ command: ['/bin/reindex'], args: ['--all'], resources: { limits: { cpu: '1', memory: '2Gi' } } });
    expect(pod.containers[0].ports).toBeUndefined();
    expect(pod.containers[0].livenessProbe).toBeUndefined();
    expect(objs.NetworkPolicy.spec.ingress).toEqual([]);
    expect(evaluateObject(objs.Job, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
  });

  test('a schedule makes it a CronJob that never overlaps', () => {
    const objs = byKind(out.outdir, 'kubernetes/aws-us/nightly.yaml');
    expect(objs.CronJob.spec).toMatchObject({ schedule: '0 3 * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { backoffLimit: 3 } } });
    expect(objs.NetworkPolicy.spec.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] });
    expect(evaluateObject(objs.CronJob, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
  });

  testWithTool('kubectl')('kubectl kustomize renders the CronJob', () => {
    expect(execFileSync('kubectl', ['kustomize', path.join(out.outdir, 'kubernetes/aws-us')]).toString()).toContain('kind: CronJob');
  });

  test('bad input fails at construction', () => {
    const fleet = new Fleet();
    const eks = new EksCluster(fleet, 'c1', { region: 'us-east-1' });
    expect(() => new BatchJob(fleet, 'a', props(eks, { schedule: 'every night' }))).toThrow("batchJob 'fleet/a': schedule 'every night' is not a cron schedule: it has 2 field(s), not five");
    expect(() => new BatchJob(fleet, 'b', props(eks, { backoffLimit: -1 }))).toThrow(/backoffLimit -1 must be a whole number ≥ 0/);
    // Untyped (JavaScript) callers can pass service props; each is named.
    const untyped = (extra: Record<string, unknown>) => props(eks, extra as Partial<BatchJobProps>);
    expect(() => new BatchJob(fleet, 'c', untyped({ route: { gateway: 'public' } }))).toThrow(/batchJob 'fleet\/c': route applies to services, not to batch jobs/);
    expect(() => new BatchJob(fleet, 'd', untyped({ replicas: 2, allowFrom: ['web'], autoscaling: { minReplicas: 1, maxReplicas: 2 } })))
      .toThrow(/batchJob 'fleet\/d': replicas, allowFrom, autoscaling apply to services, not to batch jobs/);
  });
});
