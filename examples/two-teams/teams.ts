// Two application teams sharing three clusters (one per cloud). Each team gets its own
// namespaces on the clusters it may use, enforcing Pod Security `restricted`, with a
// ResourceQuota, LimitRange defaults, a default-deny ingress NetworkPolicy, edit rights
// for its people through each cloud's identity, and team / cost-center labels.
import { Accelerator, AksCluster, BatchJob, EksCluster, Fleet, GkeCluster, InferenceService, Team, Workload } from '../../lib';

/** Adds the clusters, the two teams and their workloads to `fleet`. */
export function buildTwoTeams(fleet: Fleet): { payments: Team; search: Team } {
  const aws = new EksCluster(fleet, 'aws-us', { region: 'us-east-1', labels: { geo: 'us' } });
  const gcp = new GkeCluster(fleet, 'gcp-us', { project: 'acme-prod', region: 'us-central1', labels: { geo: 'us', gpu: 'l4' } });
  const azure = new AksCluster(fleet, 'azure-eu', { location: 'westeurope', labels: { geo: 'eu' } });
  for (const cluster of [aws, gcp, azure]) cluster.addNodePool('general', { minSize: 2, maxSize: 6 });
  gcp.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4, gpusPerNode: 1, minSize: 0, maxSize: 4 });

  // Payments runs on AWS and Azure; its people are an IAM role and an Entra group.
  const payments = fleet.addTeam('payments', {
    costCenter: 'cc-1001',
    namespaces: ['payments', 'payments-batch'],
    clusters: [aws, azure],
    members: {
      awsPrincipalArns: ['arn:aws:iam::111122223333:role/payments-developers'],
      azureGroupObjectIds: ['5f8c2a1e-3b4d-4c6e-9f10-2a3b4c5d6e7f'],
    },
    quota: { cpu: '8', memory: '16Gi', cpuLimit: '16', memoryLimit: '32Gi', pods: 40 },
    clusterQuotas: [{ cluster: azure, quota: { cpu: '4', memory: '8Gi', pods: 20 } }],
  });

  // Search runs wherever there are US clusters; its people are a Google Group and an IAM role.
  // Three GPUs: the ranker's two replicas plus the one a rolling update adds.
  const search = new Team(fleet, 'search', {
    costCenter: 'cc-2002',
    clusterSelector: { geo: 'us' },
    members: {
      awsPrincipalArns: ['arn:aws:iam::111122223333:role/search-developers'],
      googleGroups: ['search-devs@acme.example'],
    },
    quota: { cpu: '24', memory: '96Gi', gpus: { 'nvidia.com/gpu': 3 }, storage: '200Gi', pods: 50 },
    limits: { cpuRequest: '250m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '1Gi' },
  });

  new Workload(fleet, 'checkout', {
    team: payments,
    image: 'ghcr.io/acme/checkout:4.2.0',
    placement: [aws, azure],
    resources: { cpu: '500m', memory: '512Mi' },
    replicas: 3,
  });
  new BatchJob(fleet, 'settlement', {
    team: payments,
    namespace: 'payments-batch',
    image: 'ghcr.io/acme/settlement:1.7.3',
    placement: [aws],
    resources: { cpu: '1', memory: '2Gi' },
    schedule: '0 2 * * *',
  });
  new Workload(fleet, 'search-api', {
    team: search,
    image: 'ghcr.io/acme/search-api:2.11.0',
    clusterSelector: { geo: 'us' },
    resources: { cpu: '1', memory: '2Gi' },
    autoscaling: { minReplicas: 2, maxReplicas: 8 },
  });
  new InferenceService(fleet, 'ranker', {
    team: search,
    image: 'ghcr.io/acme/ranker:0.4.1',
    placement: [gcp],
    resources: { cpu: '3', memory: '12Gi' }, // fits a g2-standard-4 (4 vCPU, 16 GB) after GKE's reservations
    gpu: { accelerator: Accelerator.NVIDIA_L4, count: 1 },
    replicas: 2,
  });
  return { payments, search };
}
