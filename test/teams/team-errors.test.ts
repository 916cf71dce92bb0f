import {
  Accelerator, AgentService, AksCluster, BatchJob, EksCluster, Fleet, GkeCluster, InferenceService, Team, TeamProps, Workload, WorkloadProps,
} from '../../lib';
import { synthFleet, tempDir } from '../support/synth';

function clusters(fleet: Fleet) {
  const aws = new EksCluster(fleet, 'aws-us', { region: 'us-east-1', labels: { geo: 'us' } });
  const gcp = new GkeCluster(fleet, 'gcp-us', { project: 'acme-prod', region: 'us-central1', labels: { geo: 'us' } });
  const azure = new AksCluster(fleet, 'azure-eu', { location: 'westeurope', labels: { geo: 'eu' } });
  for (const c of [aws, gcp, azure]) c.addNodePool('general');
  return { aws, gcp, azure };
}

const app = (extra: Partial<WorkloadProps>): WorkloadProps => ({ image: 'ghcr.io/acme/app:1.0.0', resources: { cpu: '1', memory: '1Gi' }, ...extra });

function synthOf(build: (fleet: Fleet, c: ReturnType<typeof clusters>) => void): () => void {
  return () => {
    const fleet = new Fleet({ outdir: `${tempDir()}/cdk.out` });
    build(fleet, clusters(fleet));
    fleet.synth();
  };
}

describe('team placement and quota at synth', () => {
  test('a team workload on a cluster its team may not use fails, naming the workload, the cluster and the team', () => {
    expect(synthOf((fleet, { aws, azure }) => {
      const payments = new Team(fleet, 'payments', { clusters: [aws] });
      new Workload(fleet, 'checkout', app({ team: payments, placement: [aws, azure] }));
    })).toThrow(/workload 'fleet\/checkout': placed on cluster 'azure-eu', which its team 'payments' \('fleet\/payments'\) may not use/);
  });

  test('a team clusterSelector limits placement too; a selector matching no cluster fails', () => {
    expect(synthOf((fleet, { gcp }) => {
      const search = new Team(fleet, 'search', { clusterSelector: { geo: 'eu' } });
      new Workload(fleet, 'api', app({ team: search, placement: [gcp] }));
    })).toThrow(/placed on cluster 'gcp-us', which its team 'search'/);
    expect(synthOf(fleet => { new Team(fleet, 'search', { clusterSelector: { geo: 'mars' } }); }))
      .toThrow(/team 'fleet\/search': clusterSelector \{geo=mars\} matches no cluster/);
  });

  test('requests above the team quota on a cluster fail, naming the team, the cluster, the key, both amounts and each workload', () => {
    expect(synthOf((fleet, { aws, azure }) => {
      const payments = new Team(fleet, 'payments', { quota: { cpu: '8' }, clusterQuotas: [{ cluster: azure, quota: { cpu: '2' } }] });
      new Workload(fleet, 'checkout', app({ team: payments, placement: [aws, azure], replicas: 2 }));
      new Workload(fleet, 'refunds', app({ team: payments, placement: [azure], resources: { cpu: '500m', memory: '1Gi' }, replicas: 1 }));
    })).toThrow(new RegExp("team 'fleet/payments': on cluster 'azure-eu', namespace 'payments' needs requests\\.cpu 4 but the team's quota there is 2; " +
      "workloads: 'fleet/checkout' 3 \\(2 pod\\(s\\) \\+ 1 during a rollout\\), 'fleet/refunds' 1 \\(1 pod\\(s\\) \\+ 1 during a rollout\\)"));
  });

  test('the autoscaler maximum plus the rollout surge, GPUs by resource name and per-replica state count against the quota', () => {
    expect(synthOf((fleet, { aws }) => {
      const t = new Team(fleet, 'web', { quota: { cpu: '7' } });
      new Workload(fleet, 'site', app({ team: t, placement: [aws], autoscaling: { minReplicas: 2, maxReplicas: 6 } }));
    })).toThrow(/needs requests\.cpu 8 but the team's quota there is 7; workloads: 'fleet\/site' 8 \(6 pod\(s\) \+ 2 during a rollout\)/);
    expect(synthOf((fleet, { aws }) => {
      aws.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4, gpusPerNode: 1, minSize: 0, maxSize: 4 });
      const t = new Team(fleet, 'ml', { quota: { gpus: { 'nvidia.com/gpu': 1 } } });
      new InferenceService(fleet, 'llm', { ...app({ team: t, placement: [aws], replicas: 2 }), gpu: { accelerator: Accelerator.NVIDIA_L4, count: 1 } });
    })).toThrow(/needs requests\.nvidia\.com\/gpu 3 but the team's quota there is 1/);
    expect(synthOf((fleet, { aws }) => {
      const t = new Team(fleet, 'agents', { quota: { storage: '50Gi' } });
      new AgentService(fleet, 'helper', { ...app({ team: t, placement: [aws], replicas: 3 }), stateGib: 20 });
    })).toThrow(/needs requests\.storage 60Gi but the team's quota there is 50Gi; workloads: 'fleet\/helper' 60Gi \(3 pod\(s\)\)/); // a StatefulSet does not surge
  });

  test('a batch job counts its parallelism; within the quota everything synthesizes', () => {
    const build = (pods: number) => (fleet: Fleet) => {
      const { aws } = clusters(fleet);
      const t = new Team(fleet, 'data', { quota: { cpu: '4', memory: '4Gi', pods } });
      new BatchJob(fleet, 'nightly', { ...app({ team: t, placement: [aws] }), parallelism: 2 });
      new Workload(fleet, 'api', app({ team: t, placement: [aws], replicas: 1 }));
    };
    // 2 job pods + the api's replica + the one its rollout adds
    expect(synthFleet(build(4)).manifest.kubernetes['aws-us']).toMatchObject({ teams: ['data'], workloads: ['data/api', 'data/nightly'] });
    expect(() => synthFleet(build(3))).toThrow(/needs pods 4 but the team's quota there is 3; workloads: 'fleet\/api' 2 \(1 pod\(s\) \+ 1 during a rollout\), 'fleet\/nightly' 2 \(2 pod\(s\)\)/);
  });

  test('a workload outside the team in a team namespace fails', () => {
    expect(synthOf((fleet, { aws }) => {
      new Team(fleet, 'payments');
      new Workload(fleet, 'intruder', app({ namespace: 'payments', placement: [aws] }));
    })).toThrow(/workload 'fleet\/intruder': namespace 'payments' on cluster 'aws-us' belongs to team 'payments' \('fleet\/payments'\); give the workload team: payments/);
  });

  test('one IAM principal in two teams on one EKS cluster, or as an admin too, fails', () => {
    const role = 'arn:aws:iam::111122223333:role/devs';
    expect(synthOf(fleet => {
      new Team(fleet, 'a', { members: { awsPrincipalArns: [role] } });
      new Team(fleet, 'b', { members: { awsPrincipalArns: [role] } });
    })).toThrow(/team 'fleet\/b': principal 'arn:aws:iam::111122223333:role\/devs' on EKS cluster 'aws-us' already has an access entry as member of team 'fleet\/a'/);
    expect(() => {
      const fleet = new Fleet({ outdir: `${tempDir()}/cdk.out` });
      new EksCluster(fleet, 'aws', { region: 'us-east-1', admins: [role] }).addNodePool('general');
      new Team(fleet, 'a', { members: { awsPrincipalArns: [role] } });
      fleet.synth();
    }).toThrow(/already has an access entry as admin 'fleet\/aws\/admin-0'/);
  });

  test('teams on one GKE cluster with Google Groups of two domains fail', () => {
    expect(synthOf(fleet => {
      new Team(fleet, 'a', { members: { googleGroups: ['a@one.example'] } });
      new Team(fleet, 'b', { members: { googleGroups: ['b@two.example'] } });
    })).toThrow(/cluster 'fleet\/gcp-us': teams use Google Groups of several domains \(one\.example \(team 'a'\), two\.example \(team 'b'\)\)/);
  });

  test('two teams cannot share a namespace', () => {
    expect(synthOf(fleet => {
      new Team(fleet, 'a', { namespaces: ['shared'] });
      new Team(fleet, 'b', { namespaces: ['shared'] });
    })).toThrow(/team 'fleet\/b': namespace 'shared' already belongs to team 'fleet\/a'/);
  });
});

describe('team and namespace bad input at construction', () => {
  const fleet = () => new Fleet();
  test.each<[string, TeamProps, RegExp]>([
    ['Payments', {}, /team 'fleet\/Payments': name 'Payments' cannot name a team: it is not a DNS-1123 label/],
    ['kube-system', {}, /name 'kube-system' cannot name a team: 'kube-system' is created by Kubernetes/],
    ['t', { namespaces: ['default'] }, /namespaces\[0\] 'default' cannot be a team namespace: 'default' is created by Kubernetes without Pod Security labels/],
    ['t', { namespaces: [] }, /namespaces is empty/],
    ['t', { namespaces: ['a', 'a'] }, /namespaces\[1\] 'a' is listed twice/],
    ['t', { costCenter: 'CC 1' }, /costCenter 'CC 1' is not a valid tag/],
    ['t', { members: { awsPrincipalArns: ['devs'] } }, /members\.awsPrincipalArns\[0\] 'devs' is not an IAM role or user ARN/],
    ['t', { members: { googleGroups: ['devs'] } }, /members\.googleGroups\[0\] 'devs' is not a Google Group email/],
    ['t', { members: { googleGroups: ['a@one.example', 'b@two.example'] } }, /use several domains \(one\.example, two\.example\)/],
    ['t', { members: { azureGroupObjectIds: ['devs'] } }, /members\.azureGroupObjectIds\[0\] 'devs' is not a Microsoft Entra group object id/],
    ['t', { quota: { cpu: 'lots' } }, /quota\.cpu 'lots' is not a CPU quantity/],
    ['t', { quota: { memory: '10 GB' } }, /quota\.memory '10 GB' is not a byte quantity/],
    ['t', { quota: { gpus: { gpu: 1 } } }, /quota\.gpus key 'gpu' is not an extended resource name/],
    ['t', { quota: { pods: -1 } }, /quota\.pods -1 must be a whole number ≥ 0/],
    ['t', { limits: { cpuRequest: '2', cpuLimit: '1' } }, /limits\.cpuRequest '2' exceeds limits\.cpuLimit '1'/],
    ['t', { clusterSelector: {} }, /clusterSelector is empty/],
  ])('team %s %j', (name, props, message) => {
    expect(() => new Team(fleet(), name, props)).toThrow(message);
  });

  test('workloads never land in default or kube-*; a team workload may only use its team namespaces', () => {
    const f = fleet();
    const eks = new EksCluster(f, 'aws', { region: 'us-east-1' });
    expect(() => new Workload(f, 'a', app({ placement: [eks], namespace: 'default' })))
      .toThrow(/workload 'fleet\/a': namespace 'default' cannot hold workloads: 'default' is created by Kubernetes without Pod Security labels/);
    expect(() => new Workload(f, 'b', app({ placement: [eks], namespace: 'kube-system' }))).toThrow(/namespace 'kube-system' cannot hold workloads/);
    const t = new Team(f, 'payments');
    expect(() => new Workload(f, 'c', app({ placement: [eks], team: t, namespace: 'other' })))
      .toThrow(/workload 'fleet\/c': namespace 'other' is not one of team 'fleet\/payments''s namespaces \(payments\)/);
    expect(new Workload(f, 'd', app({ placement: [eks], team: t })).namespace).toBe('payments');
    expect(new Workload(f, 'e', app({ placement: [eks] })).namespace).toBe('apps');
    expect(f.addTeam('search').namespaces).toEqual(['search']);
    expect(f.teams.map(x => x.teamName)).toEqual(['payments', 'search']);
  });

  test('the fleet default namespace is configurable, never default', () => {
    expect(() => new Fleet({ defaultNamespace: 'default' })).toThrow(/fleet 'fleet': defaultNamespace 'default' cannot hold workloads/);
    const f = new Fleet({ defaultNamespace: 'shop' });
    const eks = new EksCluster(f, 'aws', { region: 'us-east-1' });
    expect(new Workload(f, 'a', app({ placement: [eks] })).namespace).toBe('shop');
  });
});
