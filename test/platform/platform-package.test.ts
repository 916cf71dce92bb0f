import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildCheckout } from '../../examples/platform-consumer/checkout';
import { AcmeOwnershipPack, GoldenPathService, OWNER_LABEL } from '../../examples/platform-package/lib';
import { PolicyPacks, Workload } from '../../lib';
import { Synthesized, synthFleet } from '../support/synth';

// The consumer (checkout.ts) imports '@acme/fleet-platform' and 'cdk-fleet' by name, as a product team's
// stack does; jest maps both names to this repository's sources (package.json
// moduleNameMapper). scripts/build-platform-example.sh builds the same package with jsii.

function objects(out: Synthesized, cluster: string, file: string): any[] {
  const text = fs.readFileSync(path.join(out.outdir, 'kubernetes', cluster, file), 'utf8');
  return parseAllDocuments(text).map(d => d.toJSON()).filter(Boolean);
}

describe('examples/platform-consumer on the example platform package', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(buildCheckout, { policy: { packs: [...PolicyPacks.defaults(), new AcmeOwnershipPack()] } });
  });

  test("the preset cluster carries Acme's settings: private endpoint, admin role, 1.34, general pool, labels and tags", () => {
    const [cluster] = out.resources('checkout-eu', 'aws_eks_cluster');
    expect(cluster.version).toBe('1.34');
    expect(cluster.vpc_config.endpoint_public_access).toBe(false);
    expect(cluster.tags).toMatchObject({ 'cost-center': 'cc-4711', 'managed-by': 'acme-fleet-platform' });
    const entries = out.resources('checkout-eu', 'aws_eks_access_entry').map(e => e.principal_arn);
    expect(entries).toContain('arn:aws:iam::111122223333:role/acme-platform-admin');
    const groups = out.resources('checkout-eu', 'aws_eks_node_group');
    expect(groups.map(g => g.scaling_config)).toEqual([{ desired_size: 3, min_size: 3, max_size: 6 }]);
  });

  test("the preset installs Acme's log shipping add-on through the cluster's add-ons stack", () => {
    const releases = out.resources('checkout-eu-addons', 'helm_release');
    const logs = releases.find(r => r.name === 'acme-logs');
    expect(logs).toMatchObject({ chart: 'fluent-bit', repository: 'https://fluent.github.io/helm-charts', version: '0.48.9', namespace: 'acme-logging', create_namespace: true });
    expect(JSON.parse(logs.values[0]).config.outputs).toContain('Host  logs.acme.example');
    expect(JSON.stringify(out.manifest.addons ?? out.manifest)).toContain('acme-log-shipping');
  });

  test('every object of a golden-path service carries the owner label and the fleet labels', () => {
    const cart = objects(out, 'checkout-eu', 'checkout.cart.yaml');
    expect(cart.map(o => o.kind)).toEqual(expect.arrayContaining(['Deployment', 'Service', 'NetworkPolicy', 'HorizontalPodAutoscaler']));
    for (const obj of cart) {
      expect([obj.kind, obj.metadata.labels[OWNER_LABEL]]).toEqual([obj.kind, 'checkout-oncall']);
      expect(obj.metadata.labels['app.kubernetes.io/managed-by']).toBe('cdk-fleet');
      expect(obj.metadata.labels.team).toBe('checkout');
    }
    const deployment = cart.find(o => o.kind === 'Deployment');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.resources.requests).toEqual({ cpu: '250m', memory: '256Mi' });
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.readinessProbe.periodSeconds).toBe(5);
    const hpa = cart.find(o => o.kind === 'HorizontalPodAutoscaler');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 6]);
    const payments = objects(out, 'checkout-eu', 'checkout.payments.yaml');
    expect(payments.find(o => o.kind === 'Deployment').spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '1', memory: '1Gi' });
  });

  test("Acme's pack ran beside the bundled packs and found nothing", () => {
    const report = JSON.parse(fs.readFileSync(path.join(out.outdir, 'policy', 'report.json'), 'utf8'));
    expect(report.packs.map((p: any) => p.id)).toEqual(['pod-security-restricted', 'cluster-hardening', 'kubernetes-best-practices', 'acme-ownership']);
    expect(report.packs.find((p: any) => p.id === 'acme-ownership').rules).toEqual(['ACME-001']);
    expect(report.findings).toEqual([]);
  });

  test("Acme's pack fails synth for a workload without the owner label", () => {
    expect(() => synthFleet(fleet => {
      buildCheckout(fleet);
      const team = fleet.teams[0];
      // a plain Workload, not the golden path: no owner label
      new Workload(fleet, 'legacy', { image: 'ghcr.io/acme/legacy:1.0.0', team, placement: team.clusters, resources: { cpu: '100m', memory: '128Mi' } });
    }, { policy: { packs: [new AcmeOwnershipPack()] } })).toThrow(/ACME-001[\s\S]*Deployment 'checkout\/legacy' has no acme.example\/owner label/);
  });

  test('a golden-path owner that is not a team handle is rejected, naming the value', () => {
    expect(() => synthFleet(fleet => {
      buildCheckout(fleet);
      new GoldenPathService(fleet, 'bad', { image: 'ghcr.io/acme/x:1.0.0', owner: 'Payments Team', team: fleet.teams[0] });
    })).toThrow(/owner 'Payments Team' must be an Acme team handle/);
  });
});
