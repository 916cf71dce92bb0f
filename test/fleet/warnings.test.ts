import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import {
  Accelerator, EdgeFleet, EksCluster, EndpointAccess, Fleet, FleetProps, IPolicyPack, PolicyLevel, PolicyMode, PolicySuppressions,
  SynthResult, Warnings, Workload,
} from '../../lib';
import { runSynth } from '../../lib/cli/synth-command';
import { compiledRepo } from '../support/cli';
import { tempDir } from '../support/synth';

const POS = 'ghcr.io/acme/pos:3.8.1';
const RES = { cpu: '100m', memory: '128Mi' };
const emptyPack: IPolicyPack = {
  id: 'acme', version: '1', rules: [{ id: 'ACME-001', level: PolicyLevel.ERROR, description: 'd', fixHint: 'f' }], evaluate: () => [],
};

interface Built {
  readonly fleet: Fleet;
  /** The construct the warning is about. */
  readonly target: IConstruct;
}

/** Every place warnings come from: how to raise one, its id, its path. */
const SOURCES: Array<[string, (props: FleetProps) => Built, string, string]> = [
  ['a GPU machine type the catalog lacks', props => {
    const fleet = new Fleet(props);
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    return { fleet, target: eks.addGpuNodePool('future', { accelerator: Accelerator.NVIDIA_L4, machineType: 'g7.xlarge' }) };
  }, 'ckf-w:gpu-machine-not-in-catalog', 'fleet/prod/future'],
  ['an EKS endpoint open to 0.0.0.0/0', props => {
    const fleet = new Fleet(props);
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1', endpointAccess: EndpointAccess.publicAndPrivate(['0.0.0.0/0']) });
    eks.addNodePool('general');
    return { fleet, target: eks };
  }, 'ckf-w:endpoint-open-to-internet', 'fleet/prod'],
  ['a region only additionalRegions allows', props => {
    const fleet = new Fleet({ ...props, additionalRegions: ['aws:ap-east-9'] });
    const eks = new EksCluster(fleet, 'hk', { region: 'ap-east-9', vpc: { availabilityZones: ['ap-east-9a', 'ap-east-9b'] } });
    eks.addNodePool('general');
    return { fleet, target: eks };
  }, 'ckf-w:region-not-in-catalog', 'fleet/hk'],
  ['an edge override matching no site', props => {
    const fleet = new Fleet(props);
    const stores = new EdgeFleet(fleet, 'stores');
    stores.addSite({ name: 'store-1', labels: { format: 'mall' } });
    stores.addWorkload('pos', { image: POS, resources: RES });
    stores.addOverride({ siteSelector: { format: 'kiosk' }, replicas: 2 });
    return { fleet, target: stores };
  }, 'ckf-w:edge-override-matches-no-site', 'fleet/stores'],
  ['an edge canary selector matching no site', props => {
    const fleet = new Fleet(props);
    const stores = new EdgeFleet(fleet, 'stores', { rollout: { canarySelector: { ring: 'canary' } } });
    stores.addSite({ name: 'store-1', labels: { ring: 'main' } });
    stores.addWorkload('pos', { image: POS, resources: RES });
    return { fleet, target: stores };
  }, 'ckf-w:edge-canary-matches-no-site', 'fleet/stores'],
  ['an edge workload matching no site', props => {
    const fleet = new Fleet(props);
    const stores = new EdgeFleet(fleet, 'stores');
    stores.addSite({ name: 'store-1', labels: { format: 'mall' } });
    const pos = stores.addWorkload('pos', { image: POS, resources: RES, siteSelector: { format: 'kiosk' } });
    return { fleet, target: pos };
  }, 'ckf-w:edge-workload-matches-no-site', 'fleet/stores/pos'],
  ['a policy suppression matching no finding', props => {
    const fleet = new Fleet({ ...props, policy: { packs: [emptyPack] } });
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    eks.addNodePool('general');
    PolicySuppressions.add(eks, { ruleId: 'ACME-001', reason: 'owners are tracked elsewhere' });
    return { fleet, target: eks };
  }, 'ckf-w:policy-suppression-unmatched', 'fleet/prod'],
  ['a workload identity for a cloud the workload is not on', props => {
    const fleet = new Fleet(props);
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    eks.addNodePool('general');
    const orders = new Workload(fleet, 'orders', {
      image: 'ghcr.io/acme/orders:1.2.0',
      resources: { cpu: '250m', memory: '256Mi' },
      placement: [eks],
      identity: { gcp: { roles: ['roles/pubsub.subscriber'] } },
    });
    return { fleet, target: orders };
  }, 'ckf-w:workload-identity-unused', 'fleet/orders'],
];

function outProps(): FleetProps {
  return { outdir: path.join(tempDir(), 'cdk.out'), policy: { mode: PolicyMode.OFF } };
}

function synthQuietly(fleet: Fleet): { result: SynthResult; stderr: string; manifest: any } {
  let stderr = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
    stderr += String(chunk);
    return true;
  });
  try {
    const result = fleet.synth();
    return { result, stderr, manifest: JSON.parse(fs.readFileSync(path.join(fleet.outdir, 'manifest.json'), 'utf8')) };
  } finally {
    spy.mockRestore();
  }
}

describe('warnings have stable ids', () => {
  test.each(SOURCES)('%s: its id is in manifest.json and on the console', (_d, build, id, at) => {
    const { fleet } = build(outProps());
    const { result, stderr, manifest } = synthQuietly(fleet);
    expect(manifest.warnings).toEqual([expect.objectContaining({ id, level: 'warning', path: at })]);
    const message = manifest.warnings[0].message;
    expect(result.warnings).toEqual([`${at}: ${message}`]);
    expect(stderr).toContain(`warning: ${at}: ${message} [${id}]\n`);
    expect(result.acknowledgedWarnings).toEqual([]);
    expect(manifest.acknowledgedWarnings).toBeUndefined();
  });

  test.each(SOURCES)('%s: acknowledged with a reason, it is listed with the reason instead of printed', (_d, build, id, at) => {
    const { fleet, target } = build(outProps());
    Warnings.acknowledge(target, id, 'intended: reviewed by the platform team');
    const { result, stderr, manifest } = synthQuietly(fleet);
    expect(manifest.warnings).toEqual([]);
    expect(stderr).not.toContain('warning:');
    expect(manifest.acknowledgedWarnings).toEqual([{ id, path: at, message: expect.any(String), reason: 'intended: reviewed by the platform team', scope: target.node.path }]);
    expect(result.warnings).toEqual([]);
    expect(result.acknowledgedWarnings).toEqual([`${at}: ${manifest.acknowledgedWarnings[0].message} [${id}] (acknowledged: intended: reviewed by the platform team)`]);
  });
});

describe('Warnings.acknowledge', () => {
  test('on the fleet it covers every construct', () => {
    const { fleet } = SOURCES[0][1](outProps());
    const pool = (fleet.node.findChild('prod') as EksCluster).addGpuNodePool('next', { accelerator: Accelerator.NVIDIA_L4, machineType: 'g8.xlarge' });
    Warnings.acknowledge(fleet, Warnings.GPU_MACHINE_NOT_IN_CATALOG, 'new machines are tested before they get here');
    const { manifest } = synthQuietly(fleet);
    expect(manifest.warnings).toEqual([]);
    expect(manifest.acknowledgedWarnings.map((a: any) => [a.path, a.scope])).toEqual([['fleet/prod/future', 'fleet'], [pool.node.path, 'fleet']]);
  });

  test('the nearest acknowledgement wins; one that matches nothing is a warning', () => {
    const { fleet, target } = SOURCES[1][1](outProps());
    Warnings.acknowledge(fleet, Warnings.ENDPOINT_OPEN_TO_INTERNET, 'demo fleet, torn down nightly');
    Warnings.acknowledge(target, Warnings.ENDPOINT_OPEN_TO_INTERNET, 'the demo cluster itself');
    const { manifest } = synthQuietly(fleet);
    expect(manifest.acknowledgedWarnings.map((a: any) => [a.scope, a.reason])).toEqual([['fleet/prod', 'the demo cluster itself']]);
    // the fleet-wide one matched nothing: it is reported, like an unmatched suppression
    expect(manifest.warnings).toEqual([{
      id: 'ckf-w:acknowledgement-unmatched',
      level: 'warning',
      path: 'fleet',
      message: "warning acknowledgement of 'ckf-w:endpoint-open-to-internet' matches no warning at or below this construct; remove it (reason given: 'demo fleet, torn down nightly')",
    }]);
  });

  test('an acknowledgement on another construct does not apply', () => {
    const { fleet } = SOURCES[1][1](outProps());
    const other = new EksCluster(fleet, 'other', { region: 'us-east-1' });
    other.addNodePool('general');
    Warnings.acknowledge(other, Warnings.ENDPOINT_OPEN_TO_INTERNET, 'only for the other cluster');
    const { manifest } = synthQuietly(fleet);
    expect(manifest.warnings.map((w: any) => [w.id, w.path])).toEqual([
      ['ckf-w:endpoint-open-to-internet', 'fleet/prod'],
      ['ckf-w:acknowledgement-unmatched', 'fleet/other'],
    ]);
    expect(manifest.acknowledgedWarnings).toBeUndefined();
  });

  test('an unknown id, an id that cannot be acknowledged, or an empty reason is an error', () => {
    const fleet = new Fleet();
    expect(() => Warnings.acknowledge(fleet, 'ckf-w:endpoint-open-to-internt', 'a reason')).toThrow(
      /^warningAcknowledgement 'fleet': 'ckf-w:endpoint-open-to-internt' is not a warning id; did you mean 'ckf-w:endpoint-open-to-internet'\?; acknowledgeable ids: ckf-w:gpu-machine-not-in-catalog, .* \[CKF-E-PROPS\]$/);
    expect(() => Warnings.acknowledge(fleet, 'ckf-w:state-kept', 'a reason')).toThrow(/'ckf-w:state-kept' cannot be acknowledged \(it is about the output directory or acknowledgements\)/);
    expect(() => Warnings.acknowledge(fleet, 'ckf-w:acknowledgement-unmatched', 'a reason')).toThrow(/cannot be acknowledged/);
    expect(() => Warnings.acknowledge(fleet, Warnings.ENDPOINT_OPEN_TO_INTERNET, '  ')).toThrow(/warningAcknowledgement 'fleet': reason '  ' is empty; say why the 'ckf-w:endpoint-open-to-internet' warning is intended/);
    expect(() => Warnings.acknowledge(fleet, Warnings.ENDPOINT_OPEN_TO_INTERNET, undefined as any)).toThrow(/reason \(missing\) is empty/);
  });

  test('Warnings.ids lists every id', () => {
    expect(Warnings.ids()).toContain('ckf-w:state-moved');
    expect(Warnings.ids()).toContain(Warnings.POLICY_SUPPRESSION_UNMATCHED);
  });
});

describe('cdk-fleet synth shows warning ids and acknowledgements', () => {
  test('the summary lists each warning with its id and each acknowledged one with its reason', () => {
    const work = tempDir();
    const out = path.join(work, 'cdk.out');
    const app = path.join(work, 'app.js');
    const lib = path.join(compiledRepo(), 'lib');
    fs.writeFileSync(app, [
      `const { EksCluster, EndpointAccess, Fleet, PolicyMode, Warnings, Accelerator } = require(${JSON.stringify(lib)});`,
      'const fleet = new Fleet({ policy: { mode: PolicyMode.OFF } });',
      "const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1', endpointAccess: EndpointAccess.publicAndPrivate(['0.0.0.0/0']) });",
      "eks.addGpuNodePool('future', { accelerator: Accelerator.NVIDIA_L4, machineType: 'g7.xlarge' });",
      "Warnings.acknowledge(eks, Warnings.ENDPOINT_OPEN_TO_INTERNET, 'public demo cluster');",
      'fleet.synth();',
    ].join('\n'));
    const lines: string[] = [];
    const code = runSynth({ app: `node ${app}`, out, cwd: work, captureAppOutput: true }, line => lines.push(line));
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/ {2}warning: fleet\/prod\/future: machine type 'g7.xlarge' is not in the GPU catalog .* \[ckf-w:gpu-machine-not-in-catalog\]/);
    expect(lines).toContain('  acknowledged: fleet/prod: [ckf-w:endpoint-open-to-internet] public demo cluster');
  }, 60_000);
});
