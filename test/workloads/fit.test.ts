import * as path from 'path';
import { Accelerator, AksCluster, EksCluster, Fleet, GkeCluster, InferenceService, TaintEffect, Workload } from '../../lib';
import { allocatable, machineCapacity } from '../../lib/core/machine-catalog';
import { synthFleet, tempDir } from '../support/synth';

const fleetIn = () => new Fleet({ outdir: path.join(tempDir(), 'out') });

describe('workloads fit their nodes', () => {
  test('allocatable is capacity minus the tiered reservation and the eviction threshold', () => {
    const a = allocatable(machineCapacity('aws', 'm7i.large')!); // 2 vCPU, 8 GiB
    expect(a.cpu).toBeCloseTo(2 - 0.06 - 0.01, 5);
    expect(a.memoryBytes / 2 ** 30).toBeCloseTo(8 - 1 - 0.8 - 100 / 1024, 5);
    expect(machineCapacity('aws', 'x9.unknown')).toBeUndefined();
  });

  test('a replica larger than every pool it can land on fails synth, naming the pools considered', () => {
    const fleet = fleetIn();
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
    eks.addNodePool('small', { machineType: 'm7i.large' });
    eks.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 }); // g6.xlarge, tainted: plain pods cannot land there
    new Workload(fleet, 'cache', { image: 'ghcr.io/acme/cache:1.0.0', placement: [eks], resources: { cpu: '1', memory: '12Gi' } });
    expect(() => fleet.synth()).toThrow(
      "workload 'fleet/cache' on cluster 'aws': one replica requests 1 CPU and 12 GiB memory, more than any node pool it can land on can allocate " +
      '(machine catalog 2026.12); pools considered: small (m7i.large: 1.93 CPU, 6.1 GiB allocatable); request less, or add a pool with a larger machine type');
  });

  test('an inference service whose CPU exceeds every fitting GPU machine fails synth', () => {
    const fleet = fleetIn();
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
    eks.addNodePool('general', { machineType: 'm7i.4xlarge' });
    eks.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
    new InferenceService(fleet, 'llm', {
      image: 'ghcr.io/acme/llm:1.0.0', placement: [eks], resources: { cpu: '8', memory: '16Gi' }, gpu: { accelerator: Accelerator.NVIDIA_L4 },
    });
    expect(() => fleet.synth()).toThrow(/workload 'fleet\/llm' on cluster 'aws': one replica requests 8 CPU .* pools considered: l4 \(g6\.xlarge: 3\.92 CPU/);
  });

  test('sidecars count; one fitting pool is enough; unknown machine types are not checked', () => {
    const out = synthFleet(fleet => {
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addNodePool('small', { machineType: 'Standard_D2ds_v5' });
      aks.addNodePool('large', { machineType: 'Standard_D16ds_v5' });
      new Workload(fleet, 'api', {
        image: 'ghcr.io/acme/api:1.0.0',
        placement: [aks],
        resources: { cpu: '2', memory: '4Gi' },
        sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', resources: { cpu: '1', memory: '1Gi' } }],
      });
    });
    expect(out.manifest.kubernetes.azure.workloads).toEqual(['apps/api']);
    const fleet = fleetIn();
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
    eks.addNodePool('small', { machineType: 'm7i.large' });
    new Workload(fleet, 'api', {
      image: 'ghcr.io/acme/api:1.0.0',
      placement: [eks],
      resources: { cpu: '1', memory: '4Gi' },
      sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', resources: { cpu: '1', memory: '1Gi' } }],
    });
    expect(() => fleet.synth()).toThrow(/one replica requests 2 CPU and 5 GiB memory/);
    const unknown = synthFleet(f => {
      const c = new EksCluster(f, 'aws', { region: 'us-east-1' });
      c.addNodePool('new', { machineType: 'm9z.large' });
      new Workload(f, 'api', { image: 'ghcr.io/acme/api:1.0.0', placement: [c], resources: { cpu: '64', memory: '512Gi' } });
    });
    expect(unknown.manifest.kubernetes.aws.workloads).toEqual(['apps/api']);
  });

  test('a workload no pool can take (every pool tainted) fails synth, naming the workload, the cluster and why each pool was rejected', () => {
    const fleet = fleetIn();
    const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
    gke.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
    gke.addNodePool('batch', { taints: [{ key: 'dedicated', value: 'batch', effect: TaintEffect.NO_SCHEDULE }] });
    new Workload(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', placement: [gke], resources: { cpu: '250m', memory: '256Mi' } });
    expect(() => fleet.synth()).toThrow(
      "workload 'fleet/web' on cluster 'gcp': no node pool can take its pods (taints, node selector, node affinity); pools considered: " +
      'l4 (taint nvidia.com/gpu=present:NoSchedule not tolerated), batch (taint dedicated=batch:NoSchedule not tolerated); ' +
      'add a node pool without those taints and with those labels (addNodePool), or place the workload elsewhere');
  });

  test('on AKS the system pool (critical add-ons only) is no landing place: a cluster without a user pool fails synth', () => {
    const fleet = fleetIn();
    const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
    aks.addNodePool('spot', { spot: true });
    new Workload(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', placement: [aks], resources: { cpu: '250m', memory: '256Mi' } });
    expect(() => fleet.synth()).toThrow(/workload 'fleet\/web' on cluster 'azure': no node pool can take its pods .*pools considered: spot \(taint kubernetes\.azure\.com\/scalesetpriority=spot:NoSchedule not tolerated\), system \(the AKS system pool runs critical add-ons only: taint CriticalAddonsOnly=true:NoSchedule\)/);
  });

  test('a GPU workload without a fitting GPU pool keeps its own, more precise placement error', () => {
    const fleet = fleetIn();
    const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
    eks.addNodePool('general');
    new InferenceService(fleet, 'llm', { image: 'ghcr.io/acme/llm:1.0.0', placement: [eks], resources: { cpu: '1', memory: '4Gi' }, gpu: { accelerator: Accelerator.NVIDIA_L4 } });
    expect(() => fleet.synth()).toThrow(/no GPU pool on cluster 'aws' can fit 1 × NVIDIA L4 per replica/);
    expect(() => fleet.synth()).not.toThrow(/no node pool can take its pods/);
  });

  test('with Karpenter the pools do not bound where pods land: no landing error', () => {
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1', addons: { karpenter: true } });
      eks.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4 });
      new Workload(fleet, 'web', { image: 'ghcr.io/acme/web:1.0.0', placement: [eks], resources: { cpu: '250m', memory: '256Mi' } });
    });
    expect(out.manifest.kubernetes.aws.workloads).toEqual(['apps/web']);
  });
});
