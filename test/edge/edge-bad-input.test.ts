import * as fs from 'fs';
import * as path from 'path';
import { CpuArch, EdgeFleet, EdgeInventory, Fleet } from '../../lib';
import { synthFleet, tempDir } from '../support/synth';

const image = 'ghcr.io/acme/pos:3.8.1';
const resources = { cpu: '100m', memory: '128Mi' };

function edgeFleet(): { fleet: Fleet; edge: EdgeFleet; outdir: string } {
  const outdir = path.join(tempDir(), 'cdk.out');
  const fleet = new Fleet({ outdir });
  return { fleet, edge: new EdgeFleet(fleet, 'stores'), outdir };
}

describe('edge bad input', () => {
  test('duplicate site names are rejected with the path', () => {
    const { edge } = edgeFleet();
    edge.addSite({ name: 'store-1' });
    expect(() => edge.addSite({ name: 'store-1' })).toThrow("edgeSite 'fleet/stores/store-1': site name 'store-1' is used twice in 'fleet/stores'");
  });

  test('the same site name in two edge fleets is a synth error', () => {
    const { fleet, edge, outdir } = edgeFleet();
    edge.addSite({ name: 'store-1' });
    new EdgeFleet(fleet, 'kiosks', { sites: [{ name: 'store-1' }] });
    expect(() => fleet.synth()).toThrow("site name 'store-1' is also used in 'fleet/stores'");
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test.each([
    ['Store_1', "name 'Store_1' is not a DNS-1123 label"],
    ['store-', "name 'store-' is not a DNS-1123 label"],
  ])('site name %s is rejected', (name, message) => {
    const { edge } = edgeFleet();
    expect(() => edge.addSite({ name })).toThrow(message);
  });

  test('bad site settings name the value and what is accepted', () => {
    const { edge } = edgeFleet();
    expect(() => edge.addSite({ name: 'a', servers: 2, nodes: 3 })).toThrow("edgeSite 'fleet/stores/a': servers 2 must be 1 or an odd number ≥ 3");
    expect(() => edge.addSite({ name: 'b', labels: { region: 'eu west' } })).toThrow("label 'region'='eu west' is not a Kubernetes label");
    expect(() => edge.addSite({ name: 'c', registryMirror: 'https://mirror' })).toThrow("registryMirror 'https://mirror' must be a registry host");
    expect(() => edge.addSite({ name: 'd', k3sChannel: 'newest' })).toThrow("k3sChannel 'newest' is not a k3s channel");
  });

  test('an arm64 site given an amd64-only image fails at synth and names workload, site and platforms', () => {
    const { fleet, edge, outdir } = edgeFleet();
    edge.addSite({ name: 'kiosk-1', arch: CpuArch.ARM64 });
    edge.addWorkload('pos', { image, resources, platforms: [CpuArch.AMD64] });
    expect(() => fleet.synth()).toThrow("edgeWorkload 'fleet/stores/pos': image 'ghcr.io/acme/pos:3.8.1' is built for amd64 only, but site 'kiosk-1' is arm64");
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a failure after some bundles were streamed out leaves the previous output untouched and no staging behind', () => {
    const { fleet, edge, outdir } = edgeFleet();
    edge.addSite({ name: 'store-1' });
    edge.addWorkload('pos', { image, resources });
    fleet.synth();
    const before = fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8');
    const again = new Fleet({ outdir });
    const edge2 = new EdgeFleet(again, 'stores', { sites: [{ name: 'store-1' }, { name: 'store-2' }, { name: 'store-3', arch: CpuArch.ARM64 }] });
    edge2.addWorkload('pos', { image, resources, platforms: [CpuArch.AMD64] });
    expect(() => again.synth()).toThrow("but site 'store-3' is arm64");
    expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.join(outdir, 'edge'))).toEqual(['store-1']);
    expect(fs.readdirSync(path.dirname(outdir)).filter(n => n.includes('staging'))).toEqual([]);
  });

  test('a GPU workload on a site without a GPU fails at synth', () => {
    const { fleet, edge } = edgeFleet();
    edge.addSite({ name: 'store-1' });
    edge.addWorkload('vision', { image, resources, gpus: 1 });
    expect(() => fleet.synth()).toThrow("edgeWorkload 'fleet/stores/vision': needs 1 GPU(s) but site 'store-1' has no GPU");
  });

  test('an override that targets a label no site has is a warning in the manifest', () => {
    const out = synthFleet(fleet => {
      const edge = new EdgeFleet(fleet, 'stores', { sites: [{ name: 'store-1', labels: { format: 'kiosk' } }] });
      edge.addWorkload('pos', { image, resources });
      edge.addOverride({ siteSelector: { format: 'hypermarket' }, replicas: 3 });
    });
    expect(out.manifest.warnings).toEqual([{
      id: 'ckf-w:edge-override-matches-no-site', level: 'warning', path: 'fleet/stores', message: 'overrides[0] selects {"format":"hypermarket"}, which no site has; it changes nothing',
    }]);
  });

  test('an override naming an unknown workload and bad override values are errors', () => {
    const { fleet, edge } = edgeFleet();
    edge.addSite({ name: 'store-1' });
    expect(() => edge.addOverride({ siteSelector: { a: 'b' }, replicas: 0 })).toThrow("edgeFleet 'fleet/stores': overrides[0].replicas 0 must be a whole number ≥ 1");
    expect(() => edge.addOverride({ siteSelector: {}, replicas: 2 })).toThrow('overrides[0].siteSelector is empty');
    expect(() => edge.addOverride({ siteSelector: { a: 'b' }, resources: { cpu: '1', memory: '500mi' } })).toThrow("memory '500mi' is not a memory quantity");
    edge.addOverride({ siteSelector: { a: 'b' }, workload: 'nope', replicas: 2 });
    expect(() => fleet.synth()).toThrow("overrides[0] names workload 'nope', which this edge fleet does not have");
  });

  test('workload input is checked like cluster workloads', () => {
    const { edge } = edgeFleet();
    expect(() => edge.addWorkload('pos', { image: 'ghcr.io/acme/pos:latest', resources })).toThrow("edgeWorkload 'fleet/stores/pos': image 'ghcr.io/acme/pos:latest' is not pinned");
    expect(() => edge.addWorkload('pos2', { image, resources: { cpu: '1', memory: '1Gi', memoryLimit: '512Mi' } })).toThrow('memoryLimit \'512Mi\' is below the request');
    expect(() => edge.addWorkload('pos3', { image, resources, port: 70000 })).toThrow('port 70000 is out of range; use 1-65535');
    expect(() => edge.addWorkload('pos4', { image, resources, platforms: [] })).toThrow('platforms [] must list at least one of amd64, arm64');
  });

  test('charts need a pinned version and a URL', () => {
    const { edge } = edgeFleet();
    expect(() => edge.addChart('logs', { chart: 'fluent-bit', repo: 'https://fluent.github.io/helm-charts', version: 'latest' })).toThrow("chart 'logs' version 'latest' must be a pinned chart version");
    expect(() => edge.addChart('logs', { chart: 'fluent-bit', repo: 'fluent', version: '0.48.9' })).toThrow("chart 'logs' repo 'fluent' must be an http(s) or oci:// URL");
  });

  test('rollout percentages must rise and end at 100', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'o') });
    expect(() => new EdgeFleet(fleet, 'stores', { rollout: { percentages: [10, 5, 100] } })).toThrow("edgeFleet 'fleet/stores': rollout.percentages [10,5,100] must rise strictly and end at 100");
  });
});

describe('edge inventory files', () => {
  const header = 'name,arch,nodes,gpus,connectivity,label:region';

  test('a CSV inventory becomes sites with labels, GPU and defaults', () => {
    const inventory = EdgeInventory.fromCsv(`${header}\nstore-1,arm64,1,,intermittent,eu\n# a comment\n\nstore-2,,3,1,,us\n`);
    expect(inventory.sites).toEqual([
      { name: 'store-1', arch: 'arm64', nodes: 1, connectivity: 'intermittent', labels: { region: 'eu' } },
      { name: 'store-2', nodes: 3, labels: { region: 'us' }, gpu: { count: 1 } },
    ]);
  });

  test.each([
    [`${header}\nstore-1,x86,1,,always,eu`, "edge inventory 'stores.csv' line 2, column 2 (arch): \"x86\" is not an architecture; use amd64 or arm64"],
    [`${header}\nstore-1,amd64,1,,always,eu\nStore 2,amd64,1,,always,eu`, 'line 3, column 1 (name): "Store 2" is not a DNS-1123 site name'],
    [`${header}\nstore-1,amd64,two,,always,eu`, 'line 2, column 3 (nodes): "two" is not a whole number ≥ 1'],
    [`${header}\nstore-1,amd64,1`, 'line 2, column 4 (gpus): has 3 cells; the header has 6'],
    [`${header},colour\nstore-1,amd64,1,,always,eu,red`, "line 1, column 7 (colour): unknown column 'colour'"],
    [`${header}\nstore-1,amd64,1,,always,eu west`, 'line 2, column 6 (label:region): "eu west" is not a label value'],
  ])('a bad row names line and column (%#)', (csv, message) => {
    expect(() => EdgeInventory.fromCsv(csv, 'stores.csv')).toThrow(message);
  });

  test('a bad inventory file stops the program before anything is written', () => {
    const dir = tempDir();
    const file = path.join(dir, 'stores.csv');
    fs.writeFileSync(file, `${header}\nstore-1,amd64,1,,always,eu\nstore-2,amd64,1,,sometimes,eu\n`);
    const outdir = path.join(dir, 'cdk.out');
    const build = () => {
      const fleet = new Fleet({ outdir });
      new EdgeFleet(fleet, 'stores', { inventory: EdgeInventory.fromFile(file) });
      fleet.synth();
    };
    expect(build).toThrow("edge inventory 'stores.csv' line 3, column 5 (connectivity): \"sometimes\" is not a connectivity; use always or intermittent");
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a JSON inventory reports where it is malformed', () => {
    expect(EdgeInventory.fromJson('[{"name":"store-1","arch":"arm64"}]').sites).toEqual([{ name: 'store-1', arch: 'arm64' }]);
    expect(() => EdgeInventory.fromJson('[\n{"name":"store-1"},\n{"name": }\n]', 'stores.json')).toThrow(/edge inventory 'stores.json' line 3, column \d+: not valid JSON/);
    expect(() => EdgeInventory.fromJson('[{"arch":"arm64"}]', 'stores.json')).toThrow("edge inventory 'stores.json' line 1, column 2 (entry 0): name (missing) must be a string; every site needs one");
  });
});
