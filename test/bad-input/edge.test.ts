import * as path from 'path';
import { BadInput, thrownBy, Unmatched } from './table';
import { CpuArch, EdgeFleet, EdgeFleetProps, EdgeSiteProps, EdgeWorkloadProps, Fleet, GitOps } from '../../lib';
import { tempDir } from '../support/synth';

const POS = 'ghcr.io/acme/pos:3.8.1';
const RES = { cpu: '100m', memory: '128Mi' };
const edge = (props: EdgeFleetProps = {}) => new EdgeFleet(new Fleet(), 'stores', props);
const site = (props: Partial<EdgeSiteProps>) => edge().addSite({ name: 'store-1', ...props });
const edgeWorkload = (props: Partial<EdgeWorkloadProps>) => edge().addWorkload('pos', { image: POS, resources: RES, ...props });
const flux = (extra: object = {}) => GitOps.flux({ repoUrl: 'https://github.com/acme/edge.git', ...extra });
const synthEdge = (build: (e: EdgeFleet) => void) => () => {
  const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
  const stores = new EdgeFleet(fleet, 'stores');
  build(stores);
  return fleet.synth().warnings;
};

const EDGE_FLEET: BadInput[] = [
  ['a k3s cluster CIDR equal to the service CIDR', () => edge({ k3s: { clusterCidr: '10.42.0.0/16', serviceCidr: '10.42.0.0/16' } }),
    /edgeFleet 'fleet\/stores': k3s\.clusterCidr '10\.42\.0\.0\/16' and k3s\.serviceCidr '10\.42\.0\.0\/16' overlap; pods and services need disjoint ranges \(k3s defaults: '10\.42\.0\.0\/16' and '10\.43\.0\.0\/16'\)/],
  ['a k3s cluster CIDR that swallows the default service CIDR', () => edge({ k3s: { clusterCidr: '10.0.0.0/8' } }), /k3s\.clusterCidr '10\.0\.0\.0\/8' and k3s\.serviceCidr '10\.43\.0\.0\/16' overlap/],
  ['a k3s CIDR that is not a CIDR', () => edge({ k3s: { clusterCidr: 'ten/8' } }), /k3s\.clusterCidr 'ten\/8' is not a valid IPv4 CIDR block/],
  ["a k3s 'disable' entry with a typo", () => edge({ k3s: { disable: ['treafik'] } }),
    /edgeFleet 'fleet\/stores': k3s\.disable\[0\] 'treafik' is not a packaged k3s component \(did you mean 'traefik'\?\); use coredns, local-storage, metrics-server, runtimes, servicelb, traefik/],
  ["a k3s 'disable' entry that is not a component", () => edge({ k3s: { disable: ['servicelb', 'ingress-nginx'] } }), /k3s\.disable\[1\] 'ingress-nginx' is not a packaged k3s component/],
  ["a k3s 'disable' entry written as a comma list", () => edge({ k3s: { disable: ['traefik,servicelb'] } }), /k3s\.disable\[0\] 'traefik,servicelb' is not a packaged k3s component/],
  ['a relative token file', () => edge({ k3s: { tokenFile: 'token' } }), /k3s\.tokenFile 'token' must be an absolute path on the nodes/],
  ['a Flux repoUrl that is not a URL', () => edge({ delivery: flux({ repoUrl: 'not a url' }) }),
    /edgeFleet 'fleet\/stores': delivery \(flux\) repoUrl 'not a url' is not a Git URL; use 'https:\/\/host\/org\/repo\.git' or 'ssh:\/\/git@host\/org\/repo\.git'/],
  ['a Flux repoUrl in scp form', () => edge({ delivery: flux({ repoUrl: 'git@github.com:acme/edge.git' }) }), /repoUrl 'git@github\.com:acme\/edge\.git' is not a Git URL.*Flux does not take the scp-like git@host:path form/],
  ['an Argo CD repoUrl without a scheme', () => edge({ delivery: GitOps.argoCd({ repoUrl: 'github.com/acme/edge' }) }), /delivery \(argocd\) repoUrl 'github\.com\/acme\/edge' is not a Git URL/],
  ['a Flux interval in words', () => edge({ delivery: flux({ interval: '5 minutes' }) }), /delivery \(flux\) interval '5 minutes' is not a duration; use e\.g\. '1m'/],
  ['a branch prefix with a space', () => edge({ delivery: flux({ branchPrefix: 'roll out/' }) }), /branchPrefix 'roll out\/' is not usable in a Git branch name/],
  ['an Argo CD revision with a space', () => edge({ delivery: GitOps.argoCd({ repoUrl: 'https://github.com/acme/edge.git', revision: 'main branch' }) }), /revision 'main branch' is not a Git revision/],
  ['an Argo CD project with capitals', () => edge({ delivery: GitOps.argoCd({ repoUrl: 'https://github.com/acme/edge.git', project: 'Default' }) }), /project 'Default' is not a DNS-1123 label/],
  ['a Rancher Fleet namespace with a space', () => edge({ delivery: GitOps.rancherFleet({ repoUrl: 'https://github.com/acme/edge.git', namespace: 'fleet local' }) }),
    /delivery \(rancher-fleet\) namespace 'fleet local' is not a DNS-1123 label/],
  ['a delivery path that leaves the repository', () => edge({ delivery: flux({ path: '../other' }) }), /path '\.\.\/other' must be a directory inside the repository/],
  ['rollout percentages that fall', () => edge({ rollout: { percentages: [10, 5, 100] } }), /edgeFleet 'fleet\/stores': rollout\.percentages \[10,5,100\] must rise strictly and end at 100/],
  ['a NaN rollout percentage', () => edge({ rollout: { percentages: [NaN, 100] } }), /rollout\.percentages \["NaN",100\] must rise strictly and end at 100/],
  ['an edge fleet id with capitals', () => new EdgeFleet(new Fleet(), 'Stores'), /edgeFleet 'fleet\/Stores': id 'Stores' is not a DNS-1123 label/],
];

const SITES: BadInput[] = [
  ['a site name with an underscore', () => site({ name: 'Store_1' }), /edgeSite 'fleet\/stores\/Store_1': name 'Store_1' is not a DNS-1123 label/],
  ['a site name that is not a string', () => site({ name: 42 as any }), /name 42 is not a DNS-1123 label: it must be a string/],
  ['two servers (no etcd quorum)', () => site({ servers: 2, nodes: 3 }), /edgeSite 'fleet\/stores\/store-1': servers 2 must be 1 or an odd number ≥ 3/],
  ['zero nodes', () => site({ nodes: 0 }), /nodes 0 must be a whole number ≥ 1/],
  ['NaN nodes', () => site({ nodes: NaN }), /nodes NaN must be a whole number ≥ 1/],
  ['an architecture outside its enum', () => site({ arch: 'x86' as CpuArch }), /arch 'x86' is not supported; use amd64 or arm64/],
  ['a connectivity outside its enum', () => site({ connectivity: 'sometimes' as any }), /connectivity 'sometimes' is not known; use always or intermittent/],
  ['a registry mirror given as a URL', () => site({ registryMirror: 'https://mirror' }), /registryMirror 'https:\/\/mirror' must be a registry host with an optional port/],
  ['a k3s channel that is not a channel', () => site({ k3sChannel: 'newest' }), /k3sChannel 'newest' is not a k3s channel; use 'stable', 'latest', 'testing' or a minor like 'v1\.33'/],
  ['zero GPUs', () => site({ gpu: { count: 0 } }), /gpu\.count 0 must be a whole number ≥ 1/],
  ['a GPU model with a space', () => site({ gpu: { model: 'RTX 4090' } }), /gpu\.model 'RTX 4090' must be usable as a node label value/],
  ['a site label value with a space', () => site({ labels: { region: 'eu west' } }), /label 'region'='eu west' is not a Kubernetes label/],
  ['one site name twice', () => { const e = edge(); e.addSite({ name: 'store-1' }); e.addSite({ name: 'store-1' }); }, /site name 'store-1' is used twice in 'fleet\/stores'/],
];

const EDGE_WORKLOADS: BadInput[] = [
  ["an edge image with an empty tag ('pos:')", () => edgeWorkload({ image: 'pos:' }), /edgeWorkload 'fleet\/stores\/pos': image 'pos:' is not an image reference: its tag is empty/],
  ["an edge env name with '='", () => edgeWorkload({ env: { 'BAD=NAME': '1' } }), /edgeWorkload 'fleet\/stores\/pos': env name 'BAD=NAME' is not an environment variable name/],
  ["an edge healthPath without '/'", () => edgeWorkload({ healthPath: 'ready' }), /edgeWorkload 'fleet\/stores\/pos': healthPath 'ready' must be an absolute HTTP path/],
  ['a platform outside its enum', () => edgeWorkload({ platforms: ['riscv64' as CpuArch] }), /platforms \["riscv64"\] must list at least one of amd64, arm64/],
  ['zero GPUs', () => edgeWorkload({ gpus: 0 }), /edgeWorkload 'fleet\/stores\/pos': gpus 0 must be a whole number ≥ 1/],
  ['a site selector key with a space', () => edgeWorkload({ siteSelector: { 'store format': 'kiosk' } }), /siteSelector key 'store format' is not a label key/],
  ['an override without a selector', () => edge().addOverride({ siteSelector: {} }), /edgeFleet 'fleet\/stores': overrides\[0\]\.siteSelector is empty/],
  ['an override with zero replicas', () => edge().addOverride({ siteSelector: { format: 'kiosk' }, replicas: 0 }), /overrides\[0\]\.replicas 0 must be a whole number ≥ 1/],
  ['an override registry given as a URL', () => edge().addOverride({ siteSelector: { format: 'kiosk' }, imageRegistry: 'https://registry.eu' }), /overrides\[0\]\.imageRegistry 'https:\/\/registry\.eu' must be a registry host/],
  ['a feature flag name with a dash', () => edge().addOverride({ siteSelector: { format: 'kiosk' }, featureFlags: { 'new-checkout': 'true' } }), /overrides\[0\]\.featureFlags name 'new-checkout' must be letters, digits and '_'/],
  ['an override for a workload the fleet lacks', synthEdge(e => {
    e.addSite({ name: 'store-1', labels: { format: 'kiosk' } });
    e.addWorkload('pos', { image: POS, resources: RES });
    e.addOverride({ siteSelector: { format: 'kiosk' }, workload: 'checkout' });
  }), /edgeFleet 'fleet\/stores': overrides\[0\] names workload 'checkout', which this edge fleet does not have; workloads: pos/],
  ['a chart pinned to latest', () => edge().addChart('metrics', { chart: 'metrics-server', repo: 'https://kubernetes-sigs.github.io/metrics-server', version: 'latest' }),
    /chart 'metrics' version 'latest' must be a pinned chart version/],
  ['a chart repo over FTP', () => edge().addChart('metrics', { chart: 'metrics-server', repo: 'ftp://charts', version: '3.12.2' }), /chart 'metrics' repo 'ftp:\/\/charts' must be an http\(s\) or oci:\/\/ URL/],
  ['a chart name with capitals', () => edge().addChart('Metrics', { chart: 'metrics-server', repo: 'https://x.example', version: '3.12.2' }), /chart name 'Metrics' is not a DNS-1123 label/],
];

const UNMATCHED: Unmatched[] = [
  ['a canary selector matching no site', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    const stores = new EdgeFleet(fleet, 'stores', { rollout: { canarySelector: { ring: 'canary' } } });
    stores.addSite({ name: 'store-1', labels: { ring: 'main' } });
    stores.addWorkload('pos', { image: POS, resources: RES });
    return fleet.synth().warnings;
  }, /^fleet\/stores: rollout\.canarySelector \{"ring":"canary"\} matches no site; there is no canary wave, so the first wave goes out unguarded$/],
  ['an override matching no site', synthEdge(e => {
    e.addSite({ name: 'store-1', labels: { format: 'mall' } });
    e.addWorkload('pos', { image: POS, resources: RES });
    e.addOverride({ siteSelector: { format: 'kiosk' }, replicas: 2 });
  }), /^fleet\/stores: overrides\[0\] selects \{"format":"kiosk"\}, which no site has; it changes nothing$/],
  ['a workload selector matching no site', synthEdge(e => {
    e.addSite({ name: 'store-1', labels: { format: 'mall' } });
    e.addWorkload('pos', { image: POS, resources: RES, siteSelector: { format: 'kiosk' } });
  }), /^fleet\/stores\/pos: siteSelector \{"format":"kiosk"\} matches no site; the workload runs nowhere$/],
];

describe('bad edge input is rejected, naming the construct path, the value and what is accepted', () => {
  test.each(EDGE_FLEET)('edge fleets: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(SITES)('sites: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(EDGE_WORKLOADS)('edge workloads, overrides and charts: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
});

describe('selectors that match nothing are warned about', () => {
  test.each(UNMATCHED)('%s', (_d, warnings, expected) => expect(warnings()).toEqual([expect.stringMatching(expected)]));
});
