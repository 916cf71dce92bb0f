import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Capability, EksCluster, Fleet, WasmWorkload, WasmWorkloadProps } from '../../lib';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { Synthesized, synthFleet } from '../support/synth';
import { testWithTool } from '../support/tools';

const props = (cluster: EksCluster, extra: Partial<WasmWorkloadProps> = {}): WasmWorkloadProps => ({
  image: 'ghcr.io/acme/hello-spin:0.3.0', placement: [cluster], resources: { cpu: '100m', memory: '128Mi' }, ...extra,
});

function docs(outdir: string, file: string): any[] {
  return parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS());
}

describe('WasmWorkload', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'edge', { region: 'us-east-1', provides: [Capability.WASM_SHIM] });
      eks.addNodePool('wasm', { wasmShim: 'spin' });
      new WasmWorkload(fleet, 'hello', props(eks));
      new WasmWorkload(fleet, 'greet', props(eks));
    });
  });

  test('pods use the Wasm runtime class; one RuntimeClass per cluster selects the shim pools', () => {
    const deployment = docs(out.outdir, 'kubernetes/edge/hello.yaml').find(o => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.runtimeClassName).toBe('wasmtime-spin-v2');
    expect(docs(out.outdir, 'kubernetes/edge/cluster-objects.yaml')).toEqual([{
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'wasmtime-spin-v2', labels: { 'app.kubernetes.io/managed-by': 'cdk-fleet' } },
      handler: 'spin',
      scheduling: { nodeSelector: { 'cdk-fleet.io/wasm-shim': 'spin' } },
    }]);
    const pool = out.resources('edge', 'aws_eks_node_group')[0];
    expect(pool.labels['cdk-fleet.io/wasm-shim']).toBe('spin');
    expect(evaluateObject(deployment, PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
  });

  testWithTool('kubectl')('kubectl kustomize renders one RuntimeClass for the cluster', () => {
    const rendered = execFileSync('kubectl', ['kustomize', path.join(out.outdir, 'kubernetes/edge')]).toString();
    expect(parseAllDocuments(rendered).filter(d => d.toJS().kind === 'RuntimeClass')).toHaveLength(1);
  });

  test('a cluster without a shim pool fails synth and says how to add one', () => {
    const fleet = new Fleet({ outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wasm-')), 'out') });
    const eks = new EksCluster(fleet, 'plain', { region: 'us-east-1', provides: [Capability.WASM_SHIM] });
    eks.addNodePool('general');
    new WasmWorkload(fleet, 'hello', props(eks));
    expect(() => fleet.synth()).toThrow("fleet/hello: wasmWorkload: cluster 'plain' has no node pool with the 'spin' Wasm shim; add one with addNodePool(id, { wasmShim: 'spin' }) (pools: general)");
  });

  test('bad names fail at construction', () => {
    const fleet = new Fleet();
    const eks = new EksCluster(fleet, 'c1', { region: 'us-east-1' });
    expect(() => new WasmWorkload(fleet, 'x', props(eks, { runtimeClass: 'Spin_V2' }))).toThrow(/wasmWorkload 'fleet\/x': runtimeClass 'Spin_V2' is not a DNS-1123 label/);
    expect(() => eks.addNodePool('bad', { wasmShim: 'spin shim' })).toThrow(/nodePool 'fleet\/c1\/bad': wasmShim 'spin shim' is not a valid shim name/);
  });
});
