import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Accelerator, AgentService, Fleet, GkeCluster } from '../../lib';
import { synthFleet, tempDir } from '../support/synth';

const small = { image: 'ghcr.io/acme/agent:1.0.0', resources: { cpu: '250m', memory: '256Mi' } };

describe('GKE Sandbox: sandbox: true agents get a gVisor node pool in the same output', () => {
  test('addSandboxNodePool writes sandbox_config gvisor through the google-beta provider; the agent lands on it', () => {
    const out = synthFleet(fleet => {
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      gke.addNodePool('general');
      gke.addSandboxNodePool('sandbox', { maxSize: 4 });
      new AgentService(fleet, 'agent', { ...small, placement: [gke], sandbox: true });
    });
    const stack = out.stack('gcp');
    const pools = Object.fromEntries(out.resources('gcp', 'google_container_node_pool').map(p => [p.name, p]));
    expect(pools.sandbox.node_config.sandbox_config).toEqual({ sandbox_type: 'gvisor' });
    expect(pools.sandbox.node_config.image_type).toBe('COS_CONTAINERD');
    expect(pools.sandbox.provider).toBe('google-beta');
    expect(pools.general.node_config.sandbox_config).toBeUndefined();
    expect(pools.general.provider).toBeUndefined();
    expect(stack.terraform.required_providers['google-beta']).toEqual({ source: 'hashicorp/google-beta', version: '~> 6.50' });
    expect(stack.provider['google-beta']).toEqual([{ project: 'acme-prod', region: 'us-central1' }]);
    expect(out.manifest.stacks.gcp.cluster.capabilities['sandbox-runtime']).toBe('GKE Sandbox node pool sandbox (sandbox_config gvisor, RuntimeClass gvisor)');
    const file = path.join(out.outdir, 'kubernetes/gcp/agent.yaml');
    const pod = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()).find(o => o.kind === 'Deployment').spec.template.spec;
    expect(pod.runtimeClassName).toBe('gvisor');
    expect(pod.nodeSelector).toEqual({ 'sandbox.gke.io/runtime': 'gvisor' });
    expect(pod.tolerations).toContainEqual({ key: 'sandbox.gke.io/runtime', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' });
  });

  test('without a sandbox pool (or provides) synth fails naming Capability.SANDBOX_RUNTIME and addSandboxNodePool', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
    gke.addNodePool('general');
    new AgentService(fleet, 'agent', { ...small, placement: [gke], sandbox: true });
    expect(() => fleet.synth()).toThrow(/workload 'fleet\/agent' \(sandbox \(runtimeClassName gvisor\)\) needs .*\(Capability\.SANDBOX_RUNTIME\) on cluster 'fleet\/gcp', which does not provide it: add a GKE Sandbox pool with addSandboxNodePool\(id\)/);
  });

  test('a cluster whose only pools are sandbox pools fails (GKE runs system pods outside the sandbox)', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
    gke.addSandboxNodePool('sandbox');
    expect(() => fleet.synth()).toThrow(/every node pool is a GKE Sandbox pool; GKE runs its system pods outside the sandbox, so add a pool with addNodePool\(\)/);
  });

  test('plain workloads do not land on sandbox nodes (GKE taints them): a cluster with only a sandbox pool for them fails the fit check', () => {
    const fleet = new Fleet({ outdir: path.join(tempDir(), 'cdk.out') });
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
    gke.addSandboxNodePool('sandbox');
    gke.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
    new AgentService(fleet, 'plain', { ...small, placement: [gke] });
    expect(() => fleet.synth()).toThrow(/workload 'fleet\/plain' on cluster 'gcp': no node pool can take its pods .*sandbox \(taint sandbox\.gke\.io\/runtime=gvisor:NoSchedule not tolerated\)/);
  });
});
