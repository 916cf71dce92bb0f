import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-30';
import { parseAllDocuments } from 'yaml';
import { EksCluster, Fleet, GkeCluster, Team } from '../../lib';
import { readSynthOutput } from '../../lib/cli/synth-output';
import { validateOutput } from '../../lib/cli/validate/validate-command';
import { Synthesized, synthFleet } from '../support/synth';
import { testWithTool } from '../support/tools';

/** A team's chart built with cdk8s-plus-30 in its own cdk8s App: a hardened Deployment and its Service. */
function paymentsChart(): Chart {
  const chart = new Chart(new App(), 'payments-api');
  const hardened: kplus.ContainerSecurityContextProps = {
    ensureNonRoot: true,
    user: 10001,
    group: 10001,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: [kplus.Capability.ALL] },
    seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
  };
  const deployment = new kplus.Deployment(chart, 'api', {
    replicas: 2,
    automountServiceAccountToken: false,
    containers: [{
      name: 'api',
      image: 'ghcr.io/acme/payments-api:2.1.0',
      portNumber: 8080,
      securityContext: hardened,
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(256) },
      },
      liveness: kplus.Probe.fromHttpGet('/healthz'),
      readiness: kplus.Probe.fromHttpGet('/healthz'),
    }],
  });
  deployment.exposeViaService({ name: 'payments-api', ports: [{ port: 80, targetPort: 8080 }] });
  return chart;
}

function twoClusters(fleet: Fleet): { eks: EksCluster; gke: GkeCluster } {
  const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1' });
  eks.addNodePool('general');
  const gke = new GkeCluster(fleet, 'gcp-us', { project: 'acme-prod', region: 'us-central1' });
  gke.addNodePool('general');
  return { eks, gke };
}

const docs = (out: Synthesized, file: string): any[] =>
  parseAllDocuments(fs.readFileSync(path.join(out.outdir, file), 'utf8')).map(d => d.toJS());

describe('a team\'s cdk8s-plus-30 chart on two clusters', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const { eks, gke } = twoClusters(fleet);
      const payments = new Team(fleet, 'payments', { costCenter: 'cc-42' });
      fleet.addChart('payments-api', paymentsChart(), { team: payments, placement: [eks, gke] });
    }, { tags: { environment: 'prod' } });
  });

  test.each(['aws-us', 'gcp-us'])('%s gets the chart\'s objects with the fleet\'s and team\'s labels in the team namespace', cluster => {
    const objects = docs(out, `kubernetes/${cluster}/manifest.payments-api.yaml`);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      expect.stringMatching(/^Deployment\/payments-api-api-/),
      'Service/payments-api',
    ]);
    for (const o of objects) {
      expect(o.metadata.namespace).toBe('payments');
      expect(o.metadata.labels).toMatchObject({ 'environment': 'prod', 'team': 'payments', 'cost-center': 'cc-42', 'cdk-fleet.io/team': 'payments' });
    }
    const deployment = objects[0];
    expect(deployment.spec.template.metadata.labels).toMatchObject({ 'environment': 'prod', 'cdk-fleet.io/team': 'payments' });
    // The Service still selects the pods by cdk8s-plus's own label.
    expect(deployment.spec.template.metadata.labels).toMatchObject(objects[1].spec.selector);
    const kustomization = docs(out, `kubernetes/${cluster}/kustomization.yaml`)[0];
    expect(kustomization.resources).toEqual(['manifest.payments-api.yaml', 'team.payments.yaml']);
  });

  test('manifest.json records the content per cluster', () => {
    for (const cluster of ['aws-us', 'gcp-us']) {
      expect(out.manifest.kubernetes[cluster].manifests['payments-api']).toEqual({
        construct: 'fleet/payments-api',
        file: 'manifest.payments-api.yaml',
        objects: [expect.stringMatching(/^apps\/v1 Deployment payments\/payments-api-api-/), 'v1 Service payments/payments-api'],
      });
      expect(out.manifest.artifacts).toContainEqual(expect.objectContaining({ path: `kubernetes/${cluster}/manifest.payments-api.yaml`, kind: 'kubernetes-manifest', cluster }));
    }
  });

  test('the policy packs check the chart\'s objects: no Pod Security finding, the best-practice findings name the chart', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out.outdir, 'policy/report.json'), 'utf8'));
    const ours = report.findings.filter((f: any) => f.constructPath === 'fleet/payments-api');
    expect(ours.filter((f: any) => f.ruleId.startsWith('CKF-PSS-'))).toEqual([]);
    // No PodDisruptionBudget selects the 2 replicas (CKF-K8S-007): proof the pack saw them, in each cluster's file.
    expect(ours.filter((f: any) => f.ruleId === 'CKF-K8S-007').map((f: any) => f.file).sort()).toEqual([
      'kubernetes/aws-us/manifest.payments-api.yaml', 'kubernetes/gcp-us/manifest.payments-api.yaml',
    ]);
    expect(report.counts.error).toBe(0);
  });

  test('cdk-fleet validate finds the chart\'s objects valid against the Kubernetes schemas and the manifest intact', () => {
    const result = validateOutput(readSynthOutput(out.outdir, process.cwd()));
    expect(result.findings).toEqual([]);
    expect(result.checked.unknownKinds).toEqual([]);
  });

  testWithTool('kubectl')('kubectl kustomize renders both clusters\' directories with the chart', () => {
    for (const cluster of ['aws-us', 'gcp-us']) {
      const rendered = parseAllDocuments(execFileSync('kubectl', ['kustomize', path.join(out.outdir, 'kubernetes', cluster)]).toString()).map(d => d.toJS());
      const deployment = rendered.find(o => o.kind === 'Deployment');
      expect(deployment.metadata).toMatchObject({ namespace: 'payments', labels: { 'cdk-fleet.io/team': 'payments' } });
      expect(rendered.filter(o => o.kind === 'Namespace').map(o => o.metadata.name)).toEqual(['payments']);
    }
  });
});

describe('a Pod Security failure in a chart stops synthesis', () => {
  test('a cdk8s-plus Deployment with its defaults (no seccomp profile, capabilities kept) fails restricted, naming the content and file', () => {
    const chart = new Chart(new App(), 'plain');
    new kplus.Deployment(chart, 'web', { containers: [{ image: 'ghcr.io/acme/web:1.0.0', portNumber: 8080 }] });
    expect(() => synthFleet(fleet => {
      const { eks } = twoClusters(fleet);
      fleet.addChart('web', chart, { placement: [eks] });
    })).toThrow(/CKF-PSS-(seccompProfile_restricted|capabilities_restricted)[\s\S]*kubernetes\/aws-us\/manifest\.web\.yaml|kubernetes\/aws-us\/manifest\.web\.yaml[\s\S]*CKF-PSS-/);
  });
});

describe('a team chart counts against the team\'s quota', () => {
  test('two replicas of 250m do not fit a 400m CPU quota: the error names the team, cluster and the chart', () => {
    expect(() => synthFleet(fleet => {
      const { eks } = twoClusters(fleet);
      const payments = new Team(fleet, 'payments', { quota: { cpu: '400m', memory: '4Gi' } });
      fleet.addChart('payments-api', paymentsChart(), { team: payments, placement: [eks] });
    })).toThrow(/team 'fleet\/payments': on cluster 'aws-us', namespace 'payments' needs requests\.cpu 500m but the team's quota there is 400m; workloads: 'fleet\/payments-api' 500m \(2 pod\(s\)\)/);
  });

  test('they fit a 1 CPU quota', () => {
    const out = synthFleet(fleet => {
      const { eks } = twoClusters(fleet);
      const payments = new Team(fleet, 'payments', { quota: { cpu: '1', memory: '4Gi' } });
      fleet.addChart('payments-api', paymentsChart(), { team: payments, placement: [eks] });
    });
    expect(docs(out, 'kubernetes/aws-us/team.payments.yaml').find(o => o.kind === 'ResourceQuota').spec.hard).toMatchObject({ 'requests.cpu': '1' });
  });
});
