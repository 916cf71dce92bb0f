import * as path from 'path';
import {
  EksCluster, Fleet, IPolicyPack, PolicyFinding, PolicyInput, PolicyLevel, PolicyMode, PolicyPacks, PolicyRule, PolicySuppressions, Workload,
} from '../../lib';
import { readReport, readSarif } from '../support/policy';
import { tempDir } from '../support/synth';

/**
 * What a platform team ships in its own package: every Kubernetes object and every
 * tagged cloud resource carries a `cost-center`.
 */
class CostCenterPack implements IPolicyPack {
  public readonly id = 'acme-cost-center';
  public readonly version = '2.1.0';
  public readonly mode?: PolicyMode;
  public readonly rules: PolicyRule[] = [
    { id: 'ACME-001', level: PolicyLevel.ERROR, description: 'Kubernetes objects carry a cost-center label.', fixHint: 'Set Fleet tags { "cost-center": ... }.' },
    { id: 'ACME-002', level: PolicyLevel.WARNING, description: 'Tagged cloud resources carry a cost-center tag.', fixHint: 'Set Fleet tags { "cost-center": ... }.' },
  ];
  public evaluations = 0;

  constructor(mode?: PolicyMode) {
    this.mode = mode;
  }

  public evaluate(input: PolicyInput): PolicyFinding[] {
    this.evaluations++;
    const findings: PolicyFinding[] = [];
    for (const { object, file, constructPath } of input.kubernetes) {
      if (!object.metadata?.labels?.['cost-center']) {
        findings.push({ ruleId: 'ACME-001', message: `${object.kind} "${object.metadata?.name}" has no cost-center label`, constructPath, file, jsonPath: 'metadata.labels' });
      }
    }
    for (const stack of input.terraform) {
      for (const [type, resources] of Object.entries<any>(stack.json.resource ?? {})) {
        for (const [name, body] of Object.entries<any>(resources)) {
          if (body.tags && !body.tags['cost-center']) {
            findings.push({ ruleId: 'ACME-002', message: `${type}.${name} has no cost-center tag`, constructPath: body['//'].metadata.path, file: stack.file, jsonPath: `resource.${type}.${name}.tags` });
          }
        }
      }
    }
    return findings;
  }
}

function fleetWith(packs: IPolicyPack[], tags?: Record<string, string>): { fleet: Fleet; outdir: string } {
  const outdir = path.join(tempDir(), 'cdk.out');
  const fleet = new Fleet({ outdir, tags, policy: { packs } });
  const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
  eks.addNodePool('general');
  new Workload(fleet, 'web', { image: `ghcr.io/acme/web@sha256:${'c'.repeat(64)}`, placement: [eks], resources: { cpu: '250m', memory: '256Mi' } });
  return { fleet, outdir };
}

describe('a custom policy pack', () => {
  test('runs once next to the defaults; its errors fail an enforcing synth', () => {
    const pack = new CostCenterPack();
    const { fleet } = fleetWith([...PolicyPacks.defaults(), pack], { team: 'web' });
    expect(() => fleet.synth()).toThrow(/policy: 6 error finding\(s\)[^]*ACME-001 fleet\/web\n {4}kubernetes\/prod\/web.yaml metadata.labels/);
    expect(pack.evaluations).toBe(1);
  });

  test('its findings, rules and version land in both reports', () => {
    const { fleet, outdir } = fleetWith([new CostCenterPack(PolicyMode.WARN)], { team: 'web' });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    fleet.synth();
    stderr.mockRestore();
    const report = readReport(outdir);
    expect(report.packs).toEqual([{ id: 'acme-cost-center', version: '2.1.0', mode: 'warn', rules: ['ACME-001', 'ACME-002'] }]);
    expect(report.counts.byRule['ACME-001'].warning).toBe(6); // the workload's 5 objects and its namespace
    expect(report.counts.byRule['ACME-002'].warning).toBeGreaterThan(10);
    expect(readSarif(outdir).runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(['ACME-001', 'ACME-002']);
  });

  test('a compliant fleet passes, and suppressions work for custom rules too', () => {
    const { fleet, outdir } = fleetWith([new CostCenterPack()], { 'cost-center': 'cc-1' });
    PolicySuppressions.add(fleet, { ruleId: 'ACME-001', reason: 'not reached: every object is labelled' });
    fleet.synth();
    expect(readReport(outdir).findings).toEqual([]);
    expect(readReport(outdir).suppressions[0]).toMatchObject({ ruleId: 'ACME-001', matched: 0 });
  });

  test('a pack that reports an undeclared rule, or reuses another pack\'s rule id, is refused', () => {
    const rogue: IPolicyPack = { id: 'rogue', version: '0', rules: [], evaluate: () => [{ ruleId: 'X-1', message: 'm', constructPath: 'fleet', file: 'f', jsonPath: 'p' }] };
    expect(() => fleetWith([rogue]).fleet.synth()).toThrow(/policy pack 'rogue': reported rule 'X-1', which is not one of its rules/);
    const copy: IPolicyPack = { id: 'copy', version: '0', rules: [{ ...new CostCenterPack().rules[0] }], evaluate: () => [] };
    expect(() => fleetWith([new CostCenterPack(), copy]).fleet.synth()).toThrow(/rule id 'ACME-001' is also declared by pack 'acme-cost-center'/);
    expect(() => fleetWith([new CostCenterPack(), new CostCenterPack()]).fleet.synth()).toThrow(/pack 'acme-cost-center' is listed twice/);
  });
});
