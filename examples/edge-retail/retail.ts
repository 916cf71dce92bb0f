// The retail edge estate: five workloads on every store, per-store values by label,
// a log shipper on every store, rollout waves delivered by Flux.
import { CpuArch, EdgeFleet, EdgeSiteProps, Fleet, GitOps } from '../../lib';

export function buildRetailFleet(fleet: Fleet, sites: EdgeSiteProps[]): EdgeFleet {
  const stores = new EdgeFleet(fleet, 'stores', {
    sites,
    k3s: { channel: 'v1.33' },
    delivery: GitOps.flux({ repoUrl: 'https://git.acme.example/platform/edge-fleet.git' }),
    rollout: { canarySelector: { ring: 'canary' }, percentages: [1, 10, 100] },
  });

  // Point of sale: the one thing a store cannot be without.
  stores.addWorkload('pos-api', {
    image: 'ghcr.io/acme/pos-api:3.8.1',
    resources: { cpu: '250m', memory: '256Mi', memoryLimit: '384Mi' },
    replicas: 2,
    allowFrom: ['price-display', 'loyalty-agent'],
    allowTo: [{ cidr: '10.200.0.0/16', port: 443 }],
  });
  stores.addWorkload('inventory-sync', {
    image: 'ghcr.io/acme/inventory-sync:1.12.0',
    resources: { cpu: '100m', memory: '128Mi' },
    allowTo: [{ cidr: '10.200.0.0/16', port: 443 }],
  });
  stores.addWorkload('price-display', {
    image: 'ghcr.io/acme/price-display:2.3.4',
    resources: { cpu: '100m', memory: '96Mi' },
  });
  stores.addWorkload('loyalty-agent', {
    image: 'ghcr.io/acme/loyalty-agent:0.9.2',
    resources: { cpu: '200m', memory: '256Mi' },
    platforms: [CpuArch.AMD64, CpuArch.ARM64],
    allowTo: [{ cidr: '10.210.0.0/16', port: 443 }],
  });
  // Shelf cameras: on the GPU where the store has one, on the CPU elsewhere.
  stores.addWorkload('shelf-vision', {
    image: 'ghcr.io/acme/shelf-vision:1.4.0-cuda',
    resources: { cpu: '1', memory: '2Gi' },
    gpus: 1,
    platforms: [CpuArch.AMD64],
    siteSelector: { gpu: 'yes' },
  });
  stores.addWorkload('shelf-vision-cpu', {
    image: 'ghcr.io/acme/shelf-vision:1.4.0',
    resources: { cpu: '500m', memory: '1Gi' },
    siteSelector: { gpu: 'no' },
  });

  // Per-store values by label, resolved at synth and recorded in each site.json.
  stores.addOverride({ siteSelector: { format: 'kiosk' }, replicas: 1, resources: { cpu: '100m', memory: '128Mi' }, workload: 'pos-api' });
  stores.addOverride({ siteSelector: { format: 'hypermarket' }, replicas: 3, workload: 'pos-api' });
  stores.addOverride({ siteSelector: { region: 'eu-central' }, imageRegistry: 'registry.eu.acme.example' });
  stores.addOverride({ siteSelector: { region: 'us-east' }, featureFlags: { newCheckout: 'true' } });

  stores.addChart('fluent-bit', {
    chart: 'fluent-bit',
    repo: 'https://fluent.github.io/helm-charts',
    version: '0.48.9',
    targetNamespace: 'logging',
    values: { config: { outputs: '[OUTPUT]\n    Name  forward\n    Match *\n    Host  logs.acme.example\n' } },
    images: ['cr.fluentbit.io/fluent/fluent-bit:3.2.10'],
  });
  return stores;
}
