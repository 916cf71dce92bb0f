import { AcmeEksCluster, GoldenPathService, ServiceSize } from '@acme/fleet-platform';
import { Fleet } from 'cdk-fleet';

/** The checkout product: one Acme cluster, its team and two golden-path services. */
export function buildCheckout(fleet: Fleet): void {
  const cluster = new AcmeEksCluster(fleet, 'checkout-eu', { region: 'eu-west-1', costCenter: 'cc-4711' });
  const team = fleet.addTeam('checkout', { clusters: [cluster], quota: { cpu: '40', memory: '80Gi' } });
  new GoldenPathService(fleet, 'cart', { image: 'ghcr.io/acme/cart:3.2.1', owner: 'checkout-oncall', team });
  new GoldenPathService(fleet, 'payments', { image: 'ghcr.io/acme/payments:1.9.0', owner: 'payments-oncall', team, size: ServiceSize.MEDIUM });
}
