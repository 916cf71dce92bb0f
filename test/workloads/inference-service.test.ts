import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Accelerator, AksCluster, EksCluster, Fleet, GpuSharing, InferenceService, InferenceServiceProps } from '../../lib';
import { PodSecurityLevel } from '../../lib/policy/pod-security/levels';
import { evaluateObject } from '../../lib/policy/pod-security/pod-security';
import { Synthesized, synthFleet } from '../support/synth';

function gpuFleet(fleet: Fleet): { eks: EksCluster; aks: AksCluster } {
  const eks = new EksCluster(fleet, 'aws-us', { region: 'us-east-1' });
  eks.addNodePool('general');
  eks.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4, gpusPerNode: 4 });
  // g6.2xlarge, not the smallest L4 machine: 4 CPU and 16 GiB per replica would never fit a g6.xlarge's allocatable.
  eks.addGpuNodePool('l4-shared', { accelerator: Accelerator.NVIDIA_L4, machineType: 'g6.2xlarge', sharing: GpuSharing.timeSlicing(4) });
  const aks = new AksCluster(fleet, 'azure-eu', { location: 'westeurope' });
  aks.addGpuNodePool('h100', { accelerator: Accelerator.NVIDIA_H100, gpusPerNode: 1, sharing: GpuSharing.mig('1g.10gb'), spot: true });
  return { eks, aks };
}

const base = (placement: InferenceServiceProps['placement'], gpu: InferenceServiceProps['gpu']): InferenceServiceProps => ({
  image: 'ghcr.io/acme/llm-server:0.9.1', placement, resources: { cpu: '4', memory: '16Gi' }, gpu,
});

function deployment(outdir: string, file: string): any {
  return parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS()).find(o => o.kind === 'Deployment');
}

describe('InferenceService', () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const { eks, aks } = gpuFleet(fleet);
      new InferenceService(fleet, 'llm', base([eks], { accelerator: Accelerator.NVIDIA_L4, count: 2 }));
      new InferenceService(fleet, 'embed', base([eks], { accelerator: Accelerator.NVIDIA_L4, shared: true }));
      new InferenceService(fleet, 'mig', base([aks], { accelerator: Accelerator.NVIDIA_H100, migProfile: '1g.10gb' }));
    });
  });

  test('whole GPUs: nvidia.com/gpu, GPU toleration, affinity to pools with that accelerator and enough GPUs', () => {
    const pod = deployment(out.outdir, 'kubernetes/aws-us/llm.yaml').spec.template.spec;
    expect(pod.containers[0].resources).toEqual({
      requests: { 'cpu': '4', 'memory': '16Gi', 'nvidia.com/gpu': '2' },
      limits: { 'cpu': '4', 'memory': '16Gi', 'nvidia.com/gpu': '2' },
    });
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'cdk-fleet.io/accelerator', operator: 'In', values: ['nvidia-l4'] },
      { key: 'cdk-fleet.io/gpu-count', operator: 'Gt', values: ['1'] },
    ]);
    expect(pod.containers[0].startupProbe).toMatchObject({ failureThreshold: 90, periodSeconds: 10 });
    expect(pod.volumes).toContainEqual({ name: 'model-cache', emptyDir: { sizeLimit: '50Gi' } });
    expect(pod.containers[0].env).toContainEqual({ name: 'MODEL_CACHE_DIR', value: '/models' });
  });

  test('shared GPUs select time-sliced pools; MIG requests the MIG resource and tolerates AKS spot', () => {
    const shared = deployment(out.outdir, 'kubernetes/aws-us/embed.yaml').spec.template.spec;
    expect(shared.containers[0].resources.limits['nvidia.com/gpu']).toBe('1');
    expect(shared.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1])
      .toEqual({ key: 'cdk-fleet.io/gpu-sharing', operator: 'In', values: ['time-slicing', 'mps'] });
    const mig = deployment(out.outdir, 'kubernetes/azure-eu/mig.yaml').spec.template.spec;
    expect(mig.containers[0].resources.limits).toMatchObject({ 'nvidia.com/mig-1g.10gb': '1' });
    expect(mig.tolerations).toContainEqual({ key: 'kubernetes.azure.com/scalesetpriority', operator: 'Equal', value: 'spot', effect: 'NoSchedule' });
  });

  test('GPU pods still pass Pod Security restricted', () => {
    for (const file of ['kubernetes/aws-us/llm.yaml', 'kubernetes/aws-us/embed.yaml', 'kubernetes/azure-eu/mig.yaml']) {
      expect(evaluateObject(deployment(out.outdir, file), PodSecurityLevel.RESTRICTED, 'v1.37')).toEqual([]);
    }
  });
});

describe('InferenceService placement errors', () => {
  function synthWith(build: (fleet: Fleet, c: { eks: EksCluster; aks: AksCluster }) => void): () => void {
    const fleet = new Fleet({ outdir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'inf-')), 'out') });
    build(fleet, gpuFleet(fleet));
    return () => fleet.synth();
  }

  test('no pool can fit the count: the error names the cluster and the pools considered', () => {
    expect(synthWith((fleet, { eks }) => new InferenceService(fleet, 'big', base([eks], { accelerator: Accelerator.NVIDIA_L4, count: 8 }))))
      .toThrow("fleet/big: inferenceService: no GPU pool on cluster 'aws-us' can fit 8 × NVIDIA L4 per replica; " +
        'GPU pools considered: l4 (NVIDIA L4 × 4, sharing none), l4-shared (NVIDIA L4 × 1, sharing time-slicing)');
  });

  test('an accelerator the cluster has no pool for', () => {
    expect(synthWith((fleet, { aks }) => new InferenceService(fleet, 'l4', base([aks], { accelerator: Accelerator.NVIDIA_L4 }))))
      .toThrow(/no GPU pool on cluster 'azure-eu' can fit 1 × NVIDIA L4 per replica; GPU pools considered: h100 \(NVIDIA H100 80GB × 1, sharing mig 1g.10gb\)/);
  });

  test('a MIG profile no pool is partitioned into', () => {
    expect(synthWith((fleet, { aks }) => new InferenceService(fleet, 'mig2', base([aks], { accelerator: Accelerator.NVIDIA_H100, migProfile: '3g.40gb' }))))
      .toThrow(/can fit one NVIDIA H100 80GB MIG 3g.40gb instance per replica/);
  });

  test('bad requests fail at construction', () => {
    const fleet = new Fleet();
    const { eks } = gpuFleet(fleet);
    expect(() => new InferenceService(fleet, 'a', base([eks], { accelerator: Accelerator.NVIDIA_L4, migProfile: '1g.10gb' })))
      .toThrow("inferenceService 'fleet/a': gpu.migProfile '1g.10gb' is not a MIG profile of NVIDIA L4; valid: none (no MIG)");
    expect(() => new InferenceService(fleet, 'b', base([eks], { accelerator: Accelerator.NVIDIA_L4, count: 0 })))
      .toThrow(/gpu.count 0 must be a whole number ≥ 1/);
  });
});
