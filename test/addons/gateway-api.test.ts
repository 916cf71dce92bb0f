import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { AksCluster, Capability, EksCluster, Fleet, GkeCluster, ICluster, Workload } from '../../lib';
import { Synthesized, synthFleet, tempDir } from '../support/synth';

const small = { image: 'ghcr.io/acme/web:1.4.2', resources: { cpu: '250m', memory: '256Mi' } };
const docs = (outdir: string, file: string): any[] => parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS());
const find = (objects: any[], kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name);

describe('Gateway API: every route attaches to a Gateway served in the same output, on all three clouds', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const clusters: ICluster[] = [
        new EksCluster(fleet, 'aws', { region: 'us-east-1' }),
        new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' }),
        new AksCluster(fleet, 'azure', { location: 'westeurope' }),
      ];
      clusters.forEach(c => c.addNodePool('general'));
      new Workload(fleet, 'web', { ...small, placement: clusters, route: { gateway: 'public', hostnames: ['shop.example.com'] } });
      new Workload(fleet, 'admin', { ...small, namespace: 'ops', placement: clusters, route: { gateway: 'public' } });
      new Workload(fleet, 'metrics', { ...small, port: 9090, placement: clusters, route: { gateway: 'internal', gatewayNamespace: 'edge' } });
    });
  });

  test.each(['aws', 'azure'])('%s: the Envoy Gateway add-on installs the CRDs and controller, pinned from the catalog', cluster => {
    const release = out.resources(`${cluster}-addons`, 'helm_release').find(r => r.name === 'eg');
    expect(release).toMatchObject({ chart: 'gateway-helm', repository: 'oci://docker.io/envoyproxy', version: 'v1.8.2', namespace: 'envoy-gateway-system', atomic: true });
    expect(out.manifest.stacks[cluster].cluster.capabilities['gateway-api']).toBe('add-on envoyGateway (gateway-helm v1.8.2)');
  });

  test.each(['aws', 'azure'])('%s: GatewayClass, PSA-labelled gateway namespaces, one Gateway per name and namespace, admitting only the routes\' namespaces', cluster => {
    const objects = docs(out.outdir, `kubernetes/${cluster}/gateways.yaml`);
    expect(find(objects, 'GatewayClass', 'envoy-gateway').spec).toEqual({ controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' });
    for (const ns of ['gateway', 'edge']) {
      expect(find(objects, 'Namespace', ns).metadata.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted',
      });
    }
    const gateways = objects.filter(o => o.kind === 'Gateway');
    expect(gateways.map(g => `${g.metadata.namespace}/${g.metadata.name}`)).toEqual(['edge/internal', 'gateway/public']);
    expect(find(objects, 'Gateway', 'public').spec).toEqual({
      gatewayClassName: 'envoy-gateway',
      listeners: [{
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['apps', 'ops'] }] } } },
      }],
    });
    expect(docs(out.outdir, `kubernetes/${cluster}/kustomization.yaml`)[0].resources).toContain('gateways.yaml');
  });

  test.each(['aws', 'gcp', 'azure'])('%s: each HTTPRoute\'s parentRef names a Gateway of the output', cluster => {
    const gateways = docs(out.outdir, `kubernetes/${cluster}/gateways.yaml`).filter(o => o.kind === 'Gateway');
    for (const file of ['web.yaml', 'metrics.yaml', 'ops.admin.yaml']) {
      const route = docs(out.outdir, `kubernetes/${cluster}/${file}`).find(o => o.kind === 'HTTPRoute');
      for (const ref of route.spec.parentRefs) {
        const gateway = gateways.find(g => g.metadata.name === ref.name && g.metadata.namespace === ref.namespace);
        expect(gateway?.spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0].values).toContain(route.metadata.namespace);
      }
    }
  });

  test('EKS/AKS: the Gateway\'s Envoy pods (in envoy-gateway-system) may reach each routed workload on its port', () => {
    const objects = docs(out.outdir, 'kubernetes/aws/gateways.yaml');
    expect(find(objects, 'NetworkPolicy', 'metrics-from-gateway')).toMatchObject({
      metadata: { namespace: 'apps' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'metrics', 'app.kubernetes.io/instance': 'metrics' } },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'envoy', 'gateway.envoyproxy.io/owning-gateway-name': 'internal', 'gateway.envoyproxy.io/owning-gateway-namespace': 'edge' } },
          }],
          ports: [{ port: 9090, protocol: 'TCP' }],
        }],
      },
    });
    expect(find(objects, 'NetworkPolicy', 'admin-from-gateway').metadata.namespace).toBe('ops');
  });

  test('GKE: Gateways use GKE\'s managed class, no GatewayClass or add-on, and the load balancer\'s Google Front End ranges may reach the pods', () => {
    const objects = docs(out.outdir, 'kubernetes/gcp/gateways.yaml');
    expect(objects.filter(o => o.kind === 'GatewayClass')).toEqual([]);
    expect(objects.filter(o => o.kind === 'Gateway').map(g => g.spec.gatewayClassName)).toEqual(['gke-l7-global-external-managed', 'gke-l7-global-external-managed']);
    expect(find(objects, 'NetworkPolicy', 'web-from-gateway').spec.ingress).toEqual([{
      from: [{ ipBlock: { cidr: '130.211.0.0/22' } }, { ipBlock: { cidr: '35.191.0.0/16' } }], ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    expect(out.manifest.stacks['gcp-addons']).toBeUndefined();
    expect(out.resources('gcp', 'google_container_cluster')[0].gateway_api_config).toEqual({ channel: 'CHANNEL_STANDARD' });
  });
});

describe('Gateway API: removing the provider fails synth naming Capability.GATEWAY_API', () => {
  const synth = (build: (fleet: Fleet) => void) => () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    build(fleet);
    fleet.synth();
  };

  test.each([
    ['EKS', (fleet: Fleet) => new EksCluster(fleet, 'c', { region: 'us-east-1', addons: { envoyGateway: false } })],
    ['AKS', (fleet: Fleet) => new AksCluster(fleet, 'c', { location: 'westeurope', addons: { envoyGateway: false } })],
  ])('%s with addons.envoyGateway false and no provides', (_name, make) => {
    expect(synth(fleet => {
      const cluster = make(fleet);
      cluster.addNodePool('general');
      new Workload(fleet, 'web', { ...small, placement: [cluster], route: { gateway: 'public' } });
    })).toThrow(/workload 'fleet\/web' \(route \(HTTPRoute\)\) needs Gateway API .*\(Capability\.GATEWAY_API\) on cluster 'fleet\/c', which does not provide it: addons\.envoyGateway is false; leave it unset so the fleet installs it, or .*provides: \[Capability\.GATEWAY_API\]/);
  });

  test('the add-on is refused on GKE, whose own controller serves routes', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    expect(() => new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1', addons: { envoyGateway: true } }))
      .toThrow(/gkeCluster 'fleet\/gcp': addons\.envoyGateway is for EKS and AKS only; GKE provides its own/);
  });

  test('a Gateway API the team installs itself (provides): no add-on, no Gateway objects (the team owns its Gateways)', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', provides: [Capability.GATEWAY_API] });
      eks.addNodePool('general');
      new Workload(fleet, 'web', { ...small, placement: [eks], route: { gateway: 'public' } });
    });
    expect(fs.existsSync(path.join(out.outdir, 'kubernetes/aws/gateways.yaml'))).toBe(false);
    expect(out.resources('aws-addons', 'helm_release').map(r => r.name)).not.toContain('eg');
  });
});
