import {
  Accelerator, AcceleratorProps, AksCluster, Cloud, EksCluster, GkeCluster, GpuSharing, InferenceService,
} from '../../lib';
import { synthFleet } from '../support/synth';

const rtx: AcceleratorProps = {
  name: 'nvidia-rtx-pro-6000',
  displayName: 'NVIDIA RTX PRO 6000',
  memoryGib: 96,
  migProfiles: ['1g.24gb', '2g.48gb', '4g.96gb'],
  machines: [
    { cloud: Cloud.AWS, machineType: 'g7e.2xlarge', gpus: 1 },
    { cloud: Cloud.AWS, machineType: 'g7e.24xlarge', gpus: 4 },
    { cloud: Cloud.GCP, machineType: 'g4-standard-48', gpus: 1 },
    { cloud: Cloud.AZURE, machineType: 'Standard_NC48ds_xl_RTXPRO6000BSE_v6', gpus: 1 },
  ],
  gkeAcceleratorType: 'nvidia-rtx-pro-6000',
};

describe('Accelerator.of: a GPU the catalog lacks, lowered on every cloud from the facts given', () => {
  test('EKS, GKE and AKS pools resolve on its machines; labels, GKE accelerator type, AKS MIG instance; an inference service lands there', () => {
    const gpu = Accelerator.of(rtx);
    const out = synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      eks.addGpuNodePool('rtx', { accelerator: gpu }); // no machine type: the listed machine with the fewest GPUs
      eks.addGpuNodePool('rtx4', { accelerator: gpu, gpusPerNode: 4 });
      const gke = new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' });
      gke.addGpuNodePool('rtx', { accelerator: gpu, sharing: GpuSharing.mig('2g.48gb') });
      const aks = new AksCluster(fleet, 'azure', { location: 'westeurope' });
      aks.addGpuNodePool('rtx', { accelerator: gpu, sharing: GpuSharing.mig('1g.24gb') });
      new InferenceService(fleet, 'llm', { image: 'ghcr.io/acme/llm:1.0.0', placement: [eks], resources: { cpu: '2', memory: '8Gi' }, gpu: { accelerator: gpu } });
    });
    const groups = out.resources('aws', 'aws_eks_node_group');
    const one = groups.find(g => g.node_group_name === 'rtx');
    expect(one).toMatchObject({ instance_types: ['g7e.2xlarge'], ami_type: 'AL2023_x86_64_NVIDIA' });
    expect(one.labels).toMatchObject({ 'cdk-fleet.io/accelerator': 'nvidia-rtx-pro-6000', 'cdk-fleet.io/gpu-count': '1', 'cdk-fleet.io/gpu-memory-gib': '96' });
    expect(groups.find(g => g.node_group_name === 'rtx4').instance_types).toEqual(['g7e.24xlarge']);

    const pool = out.resources('gcp', 'google_container_node_pool').find(p => p.name === 'rtx');
    expect(pool.node_config.machine_type).toBe('g4-standard-48');
    expect(pool.node_config.guest_accelerator[0]).toMatchObject({ type: 'nvidia-rtx-pro-6000', count: 1, gpu_partition_size: '2g.48gb' });

    const aksPool = out.resources('azure', 'azurerm_kubernetes_cluster_node_pool').find(p => p.name === 'rtx');
    expect(aksPool).toMatchObject({ vm_size: 'Standard_NC48ds_xl_RTXPRO6000BSE_v6', gpu_instance: 'MIG1g' });
    // Known machines: no "not in the GPU catalog" warning.
    expect(out.manifest.warnings.filter((w: any) => /not in the GPU catalog/.test(w.message))).toEqual([]);
    expect(out.manifest.stacks.aws.cluster.nodePools.find((p: any) => p.name === 'rtx').gpu).toMatchObject({ accelerator: 'nvidia-rtx-pro-6000', gpuMemoryGib: 96 });
  });

  test('pools are still checked against its facts', () => {
    const gpu = Accelerator.of(rtx);
    synthFleet(fleet => {
      const eks = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
      expect(() => eks.addGpuNodePool('a', { accelerator: gpu, machineType: 'g7e.2xlarge', gpusPerNode: 2 })).toThrow(/count 2 is not offered by g7e\.2xlarge \(1 GPUs\)/);
      expect(() => eks.addGpuNodePool('b', { accelerator: gpu, sharing: GpuSharing.mig('3g.40gb') })).toThrow(/MIG profile '3g\.40gb' is not valid for NVIDIA RTX PRO 6000; valid profiles: 1g\.24gb, 2g\.48gb, 4g\.96gb/);
      expect(() => eks.addGpuNodePool('c', { accelerator: gpu, machineType: 'p5.48xlarge' })).toThrow(/machineType 'p5\.48xlarge' carries NVIDIA H100 80GB, not NVIDIA RTX PRO 6000/);
      eks.addGpuNodePool('ok', { accelerator: gpu });
    });
    const awsOnly = Accelerator.of({ ...rtx, machines: [rtx.machines[0]], gkeAcceleratorType: undefined });
    const fleetCheck = () => synthFleet(fleet => {
      new GkeCluster(fleet, 'gcp', { project: 'acme-prod', region: 'us-central1' }).addGpuNodePool('x', { accelerator: awsOnly });
    });
    expect(fleetCheck).toThrow(/accelerator NVIDIA RTX PRO 6000 is not offered on gcp/);
  });

  test.each([
    ['a catalog name', { name: 'nvidia-l4' }, /accelerator 'nvidia-l4': name is a catalog accelerator's; use Accelerator\.NVIDIA_L4/],
    ['a bad name', { name: 'RTX 6000' }, /accelerator 'RTX 6000': name must be a Kubernetes label value in lowercase/],
    ['no display name', { displayName: ' ' }, /displayName ' ' must be a non-empty model name/],
    ['fractional memory', { memoryGib: 95.5 }, /memoryGib 95\.5 must be a whole number of GiB from 1 to 2048/],
    ['a bad MIG profile', { migProfiles: ['1g-24gb'] }, /MIG profile '1g-24gb' is not of the form <slices>g\.<memory>gb/],
    ['a MIG profile larger than the GPU', { migProfiles: ['7g.192gb'] }, /MIG profile '7g\.192gb' has more memory than the GPU \(96 GiB\)/],
    ['no machines', { machines: [] }, /machines must list at least one machine type/],
    ['an unknown cloud', { machines: [{ cloud: 'ibm', machineType: 'gx3', gpus: 1 }] }, /machine 'gx3' has cloud 'ibm'; use Cloud\.AWS, Cloud\.GCP or Cloud\.AZURE/],
    ['a GPU count of 0', { machines: [{ cloud: Cloud.AWS, machineType: 'g7e.2xlarge', gpus: 0 }] }, /machine 'g7e\.2xlarge' gpus 0 must be a whole number from 1 to 16/],
    ['a catalog machine', { machines: [{ cloud: Cloud.AWS, machineType: 'g6.xlarge', gpus: 1 }] }, /machine 'g6\.xlarge' is in the GPU catalog with 1 × NVIDIA L4/],
    ['a machine twice', { machines: [rtx.machines[0], rtx.machines[0]] }, /machine 'g7e\.2xlarge' is listed twice for aws/],
    ['GCP without its accelerator type', { gkeAcceleratorType: undefined }, /gkeAcceleratorType \(missing\) is required for Google Cloud machines/],
    ['an accelerator type without GCP machines', { machines: [rtx.machines[0]] }, /gkeAcceleratorType is given but no machine is on Google Cloud/],
  ])('%s', (_what, change, message) => {
    expect(() => Accelerator.of({ ...rtx, ...change } as AcceleratorProps)).toThrow(message);
  });
});
