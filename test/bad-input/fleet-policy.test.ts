import * as fs from 'fs';
import * as path from 'path';
import { BadInput, thrownBy, Unmatched } from './table';
import {
  Backend, EksCluster, Engine, Fleet, FleetProps, IPolicyPack, PolicyFinding, PolicyLevel, PolicyMode, PolicyRule, PolicySuppressions,
  StateEncryption,
} from '../../lib';
import { tempDir } from '../support/synth';

const RULE: PolicyRule = { id: 'ACME-001', level: PolicyLevel.WARNING, description: 'Everything carries an owner.', fixHint: 'Set an owner tag.' };

/** A custom pack whose evaluate() is given. */
function pack(evaluate: () => unknown, extra: Partial<IPolicyPack> = {}): IPolicyPack {
  return { id: 'acme-owners', version: '1.0.0', rules: [RULE], evaluate: evaluate as () => PolicyFinding[], ...extra };
}

/** A fleet with one cluster, synthesized into a fresh directory. */
function synthWith(props: FleetProps, build: (fleet: Fleet, cluster: EksCluster) => void = () => undefined): () => void {
  return () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out'), ...props });
    const cluster = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    cluster.addNodePool('general');
    build(fleet, cluster);
    fleet.synth();
  };
}

/**
 * Runs `build` while every mkdir fails with `code`, the way it does under a read-only
 * parent (permission bits do not stop root, so the failure is injected).
 */
function failingMkdir(code: string, build: () => void): void {
  // The fs module itself (a TypeScript namespace import has read-only bindings).
  const nodeFs: typeof fs = jest.requireActual('fs');
  const spy = jest.spyOn(nodeFs, 'mkdirSync').mockImplementation(((dir: fs.PathLike) => {
    throw Object.assign(new Error(`${code}: mkdir '${String(dir)}'`), { code });
  }) as typeof fs.mkdirSync);
  try {
    build();
  } finally {
    spy.mockRestore();
  }
}

const FLEET: BadInput[] = [
  ['an engine outside its enum', () => new Fleet({ engine: 'tofu' as Engine }),
    /fleet 'fleet': engine 'tofu' is not a Engine; use Engine\.TERRAFORM \('terraform'\), Engine\.OPENTOFU \('opentofu'\)/],
  ['a policy mode outside its enum', () => new Fleet({ policy: { mode: 'strict' as PolicyMode } }),
    /fleet 'fleet': policy\.mode 'strict' is not a PolicyMode; use PolicyMode\.ENFORCE \('enforce'\), PolicyMode\.WARN \('warn'\), PolicyMode\.OFF \('off'\)/],
  ['a fleet name with capitals', () => new Fleet({ name: 'Prod' }), /fleet 'Prod': name must be a DNS-1123 label/],
  ['a tag key with capitals', () => new Fleet({ tags: { Team: 'x' } }), /fleet 'fleet': tag key 'Team' must start with a lowercase letter/],
  ['a telemetry endpoint without a scheme', () => new Fleet({ telemetry: { otlpEndpoint: 'otel:4317' } }), /fleet 'fleet': telemetry\.otlpEndpoint 'otel:4317' is not an http\(s\) URL/],
  ['two Fleets writing one output', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    new Fleet({ name: 'retail', outdir }).synth();
    new Fleet({ name: 'factory', outdir }).synth();
  }, /fleet 'factory': outdir '.*cdk\.out' was already written by fleet 'retail' in this program; each Fleet needs its own outdir/],
  ['an output whose parent is a file', () => {
    const file = path.join(tempDir(), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    new Fleet({ outdir: path.join(file, 'cdk.out') }).synth();
  }, /fleet 'fleet': outdir '.*not-a-dir\/cdk\.out' cannot be written: its parent 'not-a-dir' cannot hold a new directory \(a part of the path is a file, not a directory, (ENOTDIR|EEXIST)\); choose a writable outdir/],
  ['a read-only output parent (EACCES)', () => failingMkdir('EACCES', () => new Fleet({ outdir: path.join(tempDir(), 'cdk.out') }).synth()),
    /fleet 'fleet': outdir '.*cdk\.out' cannot be written: its parent '[^']+' cannot hold a new directory \(permission denied, EACCES\); choose a writable outdir/],
  ['an output parent on a read-only file system (EROFS)', () => failingMkdir('EROFS', () => new Fleet({ outdir: path.join(tempDir(), 'cdk.out') }).synth()),
    /cannot hold a new directory \(the file system is read-only, EROFS\)/],
  ['a local state directory outside the output', () => Backend.local({ directory: '../state' }), /Backend\.local: directory '\.\.\/state' escapes the output directory; give a relative path inside it, such as 'state'/],
  ['an S3 backend without a bucket', () => Backend.s3({ bucket: undefined as any, region: 'us-east-1' }), /Backend\.s3: 'bucket' is required and must be a non-empty string \(got \(missing\)\)/],
  ['KMS state encryption without a region', () => StateEncryption.awsKms({ kmsKeyId: 'alias/state', region: '' }), /StateEncryption\.awsKms: kmsKeyId and region are required \(got kmsKeyId='alias\/state', region=''\)/],
];

const PACKS: BadInput[] = [
  ['a rule level that is not a level', () => new Fleet({ policy: { packs: [pack(() => [], { rules: [{ ...RULE, level: 'fatal' as PolicyLevel }] })] } }),
    /fleet 'fleet': policy\.packs\[0\] \(pack 'acme-owners'\) rules\[0\] \('ACME-001'\) level 'fatal' is not a PolicyLevel; use PolicyLevel\.ERROR \('error'\)/],
  ['a pack mode outside its enum', () => new Fleet({ policy: { packs: [pack(() => [], { mode: 'loud' as PolicyMode })] } }),
    /policy\.packs\[0\] \(pack 'acme-owners'\) mode 'loud' is not a PolicyMode/],
  ['a pack id with a space', () => new Fleet({ policy: { packs: [pack(() => [], { id: 'acme owners' })] } }), /policy\.packs\[0\]\.id 'acme owners' is not a pack id/],
  ['a pack without evaluate()', () => new Fleet({ policy: { packs: [{ id: 'acme-owners', version: '1', rules: [] } as any] } }),
    /policy\.packs\[0\] \(pack 'acme-owners'\) has no evaluate\(input\) function/],
  ['a pack whose rules are not a list', () => new Fleet({ policy: { packs: [pack(() => [], { rules: 'ACME-001' as any })] } }),
    /policy\.packs\[0\] \(pack 'acme-owners'\) rules 'ACME-001' must be a list of rules/],
  ['a rule id with a space', () => new Fleet({ policy: { packs: [pack(() => [], { rules: [{ ...RULE, id: 'ACME 1' }] })] } }), /rules\[0\]\.id 'ACME 1' is not a rule id/],
  ['an unsuppressible rule no pack declares', () => new Fleet({ policy: { unsuppressible: ['CKF-AWS-02'] } }),
    /fleet 'fleet': policy\.unsuppressible\[0\] 'CKF-AWS-02' is not a rule of any listed pack; did you mean 'CKF-AWS-002'/],
  ['a custom pack that throws', synthWith({ policy: { packs: [pack(() => { throw new Error('boom: no owner table'); })] } }),
    /policy pack 'acme-owners': evaluate\(\) threw 'boom: no owner table'; fix the pack, or set its mode to PolicyMode\.OFF/],
  ['a custom pack that returns nothing', synthWith({ policy: { packs: [pack(() => undefined)] } }),
    /policy pack 'acme-owners': evaluate\(\) returned \(missing\) instead of a list of findings; return \[\] when nothing is found/],
  ['a custom pack that returns one finding, not a list', synthWith({ policy: { packs: [pack(() => ({ ruleId: 'ACME-001' }))] } }),
    /policy pack 'acme-owners': evaluate\(\) returned \{"ruleId":"ACME-001"\} instead of a list of findings/],
  ['a finding without a message', synthWith({ policy: { packs: [pack(() => [{ ruleId: 'ACME-001', constructPath: 'fleet/prod' }])] } }),
    /policy pack 'acme-owners': finding 0 \{"ruleId":"ACME-001","constructPath":"fleet\/prod"\} lacks a string ruleId, message or constructPath/],
  ['a finding with a level that is not a level', synthWith({ policy: { packs: [pack(() => [{ ruleId: 'ACME-001', message: 'm', constructPath: 'fleet/prod', file: 'f', jsonPath: '$', level: 'fatal' }])] } }),
    /policy pack 'acme-owners': finding 0 \(rule 'ACME-001'\) has level 'fatal'; use PolicyLevel\.ERROR, WARNING or INFO/],
  ['a finding for a rule the pack does not declare', synthWith({ policy: { packs: [pack(() => [{ ruleId: 'ACME-999', message: 'm', constructPath: 'fleet/prod', file: 'f', jsonPath: '$' }])] } }),
    /policy pack 'acme-owners': reported rule 'ACME-999', which is not one of its rules; declare it in 'rules'/],
  ['one pack listed twice', synthWith({ policy: { packs: [pack(() => []), pack(() => [])] } }), /policy: pack 'acme-owners' is listed twice; list each pack once/],
  ['a suppression for a rule no pack declares', synthWith({}, (_f, cluster) => PolicySuppressions.add(cluster, { ruleId: 'CKF-AWS-02', reason: 'the VPC is private anyway' })),
    /policySuppression 'fleet\/prod': ruleId 'CKF-AWS-02' is not declared by any policy pack of the fleet; did you mean 'CKF-AWS-002'/],
  ['a suppression for a rule of a pack the fleet does not run', synthWith({ policy: { packs: [pack(() => [])] } },
    (_f, cluster) => PolicySuppressions.add(cluster, { ruleId: 'CKF-AWS-002', reason: 'the VPC is private anyway' })),
  /policySuppression 'fleet\/prod': ruleId 'CKF-AWS-002' is not declared by any policy pack of the fleet; remove the suppression or add the pack/],
  ['a suppression rule id with a space', () => PolicySuppressions.add(new Fleet(), { ruleId: 'ACME 1', reason: 'long enough reason' }), /policySuppression 'fleet': ruleId 'ACME 1' is not a rule id/],
  ['a suppression without a reason', () => PolicySuppressions.add(new Fleet(), { reason: undefined as any }), /policySuppression 'fleet': reason \(missing\) is too short; say why/],
  ['a suppression with an empty JSON path', () => PolicySuppressions.add(new Fleet(), { reason: 'long enough reason', jsonPath: ' ' }), /policySuppression 'fleet': jsonPath is empty; omit it/],
];

const UNMATCHED: Unmatched[] = [
  ['a suppression matching no finding', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out'), policy: { packs: [pack(() => [])] } });
    const cluster = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    cluster.addNodePool('general');
    PolicySuppressions.add(cluster, { ruleId: 'ACME-001', reason: 'owners are tracked elsewhere' });
    return fleet.synth().warnings;
  }, /^fleet\/prod: policy suppression of 'ACME-001' matches no finding; remove it/],
];

describe('bad fleet and policy input is rejected, naming the construct path, the value and what is accepted', () => {
  test.each(FLEET)('fleet: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(PACKS)('policy: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(UNMATCHED)('warns: %s', (_d, warnings, expected) => expect(warnings()).toEqual([expect.stringMatching(expected)]));
});

test('a fleet may synthesize into its own output again (a rebuild is not a second fleet)', () => {
  const outdir = path.join(tempDir(), 'cdk.out');
  new Fleet({ name: 'retail', outdir }).synth();
  expect(() => new Fleet({ name: 'retail', outdir }).synth()).not.toThrow();
  expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
});
