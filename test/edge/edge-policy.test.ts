import * as fs from 'fs';
import * as path from 'path';
import { EdgeFleet, Fleet, IPolicyPack, PolicyInput, PolicyLevel, PolicyMode, PolicyPacks, PolicySuppressions } from '../../lib';
import { tempDir } from '../support/synth';

/** A team's own rule: no more than one replica of `pos` on kiosk-format sites (a pack shipped beside the fleet). */
class KioskReplicas implements IPolicyPack {
  public readonly id = 'acme-kiosk';
  public readonly version = '1';
  public readonly mode = PolicyMode.ENFORCE;
  public readonly rules = [{ id: 'ACME-001', level: PolicyLevel.ERROR, description: 'Kiosks run one POS replica.', fixHint: 'Override replicas for format=kiosk.' }];
  public evaluate(input: PolicyInput) {
    return input.kubernetes
      .filter(e => e.file.startsWith('edge/kiosk-') && e.object.kind === 'Deployment' && e.object.metadata.name === 'pos' && e.object.spec.replicas > 1)
      .map(e => ({ ruleId: 'ACME-001', constructPath: e.constructPath, file: e.file, jsonPath: 'spec.replicas', message: `pos runs ${e.object.spec.replicas} replicas` }));
  }
}

function build(outdir: string, suppress: boolean): Fleet {
  const fleet = new Fleet({ outdir, policy: { packs: [...PolicyPacks.defaults(), new KioskReplicas()] } });
  const edge = new EdgeFleet(fleet, 'stores', { sites: [{ name: 'kiosk-1' }, { name: 'kiosk-2' }, { name: 'super-1' }] });
  const pos = edge.addWorkload('pos', { image: 'ghcr.io/acme/pos:3.8.1', resources: { cpu: '100m', memory: '128Mi' }, replicas: 2 });
  if (suppress) PolicySuppressions.add(pos, { ruleId: 'ACME-001', reason: 'kiosks get a second till during the holiday season' });
  return fleet;
}

describe('policy over edge bundles', () => {
  test('edge objects go through the same policy run: findings name the site file and the edge workload; nothing is written', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    expect(() => build(outdir, false).synth()).toThrow(/policy: 2 error finding\(s\)[\s\S]*ACME-001 fleet\/stores\/pos\n\s+edge\/kiosk-1\/manifests\/workloads.yaml spec.replicas/);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  test('a suppression on the edge workload covers every site and is reported with its reason', () => {
    const outdir = path.join(tempDir(), 'cdk.out');
    build(outdir, true).synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy/report.json'), 'utf8'));
    expect(report.findings.map((f: any) => [f.ruleId, f.file, f.suppressed !== undefined])).toEqual([
      ['ACME-001', 'edge/kiosk-1/manifests/workloads.yaml', true],
      ['ACME-001', 'edge/kiosk-2/manifests/workloads.yaml', true],
    ]);
    expect(JSON.stringify(report.suppressions)).toContain('kiosks get a second till during the holiday season');
  });
});
