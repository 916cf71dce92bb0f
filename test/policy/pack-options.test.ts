import { ClusterHardening, EksCluster, KubernetesBestPractices, PodSecurity, PolicyInput, PolicyLevel, PolicyMode, PolicyPacks, Workload } from '../../lib';
import { findingTuples, readReport } from '../support/policy';
import { synthFleet } from '../support/synth';

const unpinned = {
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'apps' },
  spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { hostNetwork: true, containers: [{ name: 'web', image: 'web:latest' }] } } },
};
const input: PolicyInput = { terraform: [], kubernetes: [{ file: 'kubernetes/a/web.yaml', constructPath: 'fleet/web', object: unpinned }] };
const rulesOf = (findings: Array<{ ruleId: string }>) => [...new Set(findings.map(f => f.ruleId))].sort();

describe('configurable bundled packs', () => {
  test('exclude drops the rule from the pack and its findings', () => {
    const all = KubernetesBestPractices.recommended();
    const fewer = KubernetesBestPractices.recommended({ exclude: ['CKF-K8S-007', 'CKF-K8S-004'] });
    expect(rulesOf(all.evaluate(input))).toEqual(expect.arrayContaining(['CKF-K8S-004', 'CKF-K8S-007']));
    expect(rulesOf(fewer.evaluate(input))).toEqual(rulesOf(all.evaluate(input)).filter(r => r !== 'CKF-K8S-004' && r !== 'CKF-K8S-007'));
    expect(fewer.rules.map(r => r.id)).not.toContain('CKF-K8S-007');
    expect(fewer.rules).toHaveLength(all.rules.length - 2);
    expect(fewer.excluded).toEqual(['CKF-K8S-004', 'CKF-K8S-007']);
    expect(fewer.mode).toBe(PolicyMode.WARN);

    const pss = PodSecurity.baseline({ exclude: ['CKF-PSS-hostNamespaces'] });
    expect(rulesOf(PodSecurity.baseline().evaluate(input))).toEqual(['CKF-PSS-hostNamespaces']);
    expect(pss.evaluate(input)).toEqual([]);
  });

  test('levels override a rule\'s level in the pack and its findings', () => {
    const pack = KubernetesBestPractices.recommended({ levels: { 'CKF-K8S-004': PolicyLevel.ERROR } });
    expect(pack.rules.find(r => r.id === 'CKF-K8S-004')?.level).toBe(PolicyLevel.ERROR);
    const findings = pack.evaluate(input).filter(f => f.ruleId === 'CKF-K8S-004');
    expect(findings.map(f => f.level)).toEqual([PolicyLevel.ERROR]);
    expect(pack.evaluate(input).filter(f => f.ruleId === 'CKF-K8S-007').map(f => f.level)).toEqual([undefined]);
  });

  test('an unknown rule id is an error that lists the pack\'s rule ids', () => {
    expect(() => KubernetesBestPractices.recommended({ exclude: ['CKF-K8S-07'] })).toThrow(
      /^KubernetesBestPractices.recommended: exclude\[0\] 'CKF-K8S-07' is not a rule of this pack \(CKF-K8S-001, CKF-K8S-002, .*, CKF-K8S-011\); did you mean 'CKF-K8S-007'/);
    expect(() => ClusterHardening.recommended({ exclude: ['CKF-K8S-001'] })).toThrow(/ClusterHardening.recommended: exclude\[0\] 'CKF-K8S-001' is not a rule of this pack \(CKF-AWS-001, /);
    expect(() => PodSecurity.baseline({ exclude: ['CKF-PSS-runAsNonRoot'] })).toThrow(/PodSecurity.baseline: exclude\[0\] 'CKF-PSS-runAsNonRoot' is not a rule of this pack/);
    expect(() => ClusterHardening.recommended({ levels: { 'CKF-AWS-9': PolicyLevel.INFO } })).toThrow(/levels key 'CKF-AWS-9' is not a rule of this pack/);
    expect(() => ClusterHardening.recommended({ levels: { 'CKF-AWS-003': 'loud' as PolicyLevel } })).toThrow(/levels\['CKF-AWS-003'\] 'loud' is not a PolicyLevel; use PolicyLevel.ERROR \('error'\)/);
    expect(() => ClusterHardening.recommended({ exclude: 'CKF-AWS-003' as any })).toThrow(/exclude 'CKF-AWS-003' must be a list of rule ids/);
    expect(() => ClusterHardening.recommended({ exclude: ['CKF-AWS-003'], levels: { 'CKF-AWS-003': PolicyLevel.INFO } })).toThrow(/rule 'CKF-AWS-003' is both excluded and given a level/);
    expect(() => ClusterHardening.recommended({ mode: 'strict' as PolicyMode })).toThrow(/ClusterHardening.recommended: mode 'strict' is not a PolicyMode/);
  });

  test('the factories without options keep every rule', () => {
    expect(ClusterHardening.recommended().excluded).toEqual([]);
    expect(PolicyPacks.defaults().map(p => p.id)).toEqual(['pod-security-restricted', 'cluster-hardening', 'kubernetes-best-practices']);
  });

  test('in a fleet: an excluded rule is absent from the report, a raised level fails an enforced pack', () => {
    const build = (packs: any[]) => synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
      eks.addNodePool('general');
      new Workload(fleet, 'web', { image: 'ghcr.io/acme/web:1.2.3', placement: [eks], resources: { cpu: '250m', memory: '256Mi' }, replicas: 2 });
    }, { policy: { packs } });
    const out = build([PodSecurity.restricted(), ClusterHardening.recommended(), KubernetesBestPractices.recommended({ exclude: ['CKF-K8S-005'] })]);
    const report = readReport(out.outdir);
    expect(report.rules.map((r: any) => r.id)).not.toContain('CKF-K8S-005');
    expect(findingTuples(report)).toEqual([]);
    expect(() => build([KubernetesBestPractices.recommended({ mode: PolicyMode.ENFORCE, requireDigests: true, levels: { 'CKF-K8S-005': PolicyLevel.ERROR } })]))
      .toThrow(/CKF-K8S-005/);
  });
});
