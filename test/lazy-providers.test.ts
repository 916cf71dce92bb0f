import { execFileSync } from 'child_process';
import { compiledRepo } from './support/cli';

/** Provider packages whose modules a fresh process has loaded after running `code`. */
function providersLoadedBy(code: string): Record<string, number> {
  const script = `${code};
    const counts = {};
    for (const file of Object.keys(require.cache)) {
      const m = /@cdktf[\\\\/](provider-[a-z]+)[\\\\/]|node_modules[\\\\/](cdk8s)[\\\\/]/.exec(file);
      if (m) counts[m[1] || m[2]] = (counts[m[1] || m[2]] || 0) + 1;
    }
    process.stdout.write(JSON.stringify(counts));`;
  // the library compiled once for the run: a fresh process loads plain JavaScript
  const out = execFileSync(process.execPath, ['-e', script], { cwd: compiledRepo() });
  return JSON.parse(out.toString());
}

describe('a synth pays only for the clouds and features it uses', () => {
  jest.setTimeout(60_000);

  test('loading the library loads no provider resource', () => {
    expect(providersLoadedBy("require('./lib')")).toEqual({});
  });

  test('an EKS cluster without add-ons loads AWS resources only, one module per resource, and no cdk8s', () => {
    const loaded = providersLoadedBy(`
      const { Fleet, EksCluster } = require('./lib');
      const fleet = new Fleet({ outdir: require('path').join(require('os').tmpdir(), 'lazy-' + process.pid) });
      new EksCluster(fleet, 'prod', { region: 'us-east-1', addons: { clusterAutoscaler: false } }).addNodePool('general');
      fleet.synth();`);
    expect(Object.keys(loaded)).toEqual(['provider-aws']);
    expect(loaded['provider-aws']).toBeLessThan(60);
  });

  test('add-ons load the two Helm provider modules (provider, release) and nothing else of it', () => {
    const loaded = providersLoadedBy(`
      const { Fleet, GkeCluster } = require('./lib');
      const fleet = new Fleet({ outdir: require('path').join(require('os').tmpdir(), 'lazy-addons-' + process.pid) });
      new GkeCluster(fleet, 'prod', { project: 'acme-prod', region: 'us-central1', addons: { keda: true } }).addNodePool('general');
      fleet.synth();`);
    expect(Object.keys(loaded).sort()).toEqual(['provider-google', 'provider-helm']);
    expect(loaded['provider-helm']).toBeLessThanOrEqual(2);
  });
});

test('a fleet with workloads loads cdk8s', () => {
  const loaded = providersLoadedBy(`
    const { Fleet, EksCluster, Workload } = require('./lib');
    const fleet = new Fleet({ outdir: require('path').join(require('os').tmpdir(), 'lazy-wl-' + process.pid) });
    const eks = new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    eks.addNodePool('general');
    new Workload(fleet, 'web', { image: 'nginx:1.27', placement: [eks], resources: { cpu: '100m', memory: '128Mi' } });
    fleet.synth();`);
  expect(loaded.cdk8s).toBeGreaterThan(0);
}, 60_000);
