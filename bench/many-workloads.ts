// Bench case: 500 Workload constructs over three clusters (EKS, GKE, AKS), full synth
// into $CDK_FLEET_OUTDIR. Every workload runs on one cluster, every fifth on a second
// one too, and every tenth scales with an HPA (so the EKS add-ons include metrics-server).
// Each workload admits calls from the one 30 before it: same namespace (i % 10), same
// clusters (i % 3, i % 5), as connections must be.
import { AksCluster, EksCluster, Fleet, GkeCluster, ICluster, Workload } from '../lib';

const WORKLOADS = Number(process.env.BENCH_WORKLOADS ?? 500);

const fleet = new Fleet({ tags: { team: 'bench' } });
const clusters: ICluster[] = [
  new EksCluster(fleet, 'aws', { region: 'us-east-1' }),
  new GkeCluster(fleet, 'gcp', { project: 'acme-bench', region: 'us-central1' }),
  new AksCluster(fleet, 'azure', { location: 'westeurope' }),
];
for (const cluster of clusters) cluster.addNodePool('general', { minSize: 3, maxSize: 30 });

for (let i = 0; i < WORKLOADS; i++) {
  const home = clusters[i % clusters.length];
  const placement = i % 5 === 0 ? [home, clusters[(i + 1) % clusters.length]] : [home];
  new Workload(fleet, `svc-${String(i).padStart(3, '0')}`, {
    image: `ghcr.io/acme/svc-${i % 20}:1.${i % 7}.0`,
    placement,
    namespace: `team-${i % 10}`,
    resources: { cpu: '100m', memory: '128Mi' },
    allowFrom: i >= 30 ? [`svc-${String(i - 30).padStart(3, '0')}`] : [],
    allowTo: [{ cidr: '203.0.113.0/24', port: 443 }],
    ...(i % 10 === 0 ? { autoscaling: { minReplicas: 2, maxReplicas: 10 } } : {}),
  });
}

fleet.synth();
