import { EksCluster, EndpointAccess, KubernetesVersion } from 'cdk-fleet';
import { Construct } from 'constructs';
import { AcmeLogShipping } from './log-shipping-addon';

/** What a team chooses for an Acme EKS cluster; everything else is Acme's standard. */
export interface AcmeEksClusterProps {
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** Cost center billed for the cluster, e.g. `cc-1234` (tagged and labelled). */
  readonly costCenter: string;
  /**
   * Host of Acme's log collector the cluster ships its logs to.
   * @default 'logs.acme.example'
   */
  readonly logCollectorHost?: string;
  /**
   * Most general-purpose nodes.
   * @default 6
   */
  readonly maxNodes?: number;
}

/** The admin role every Acme cluster trusts. */
export const ACME_ADMIN_ROLE = 'arn:aws:iam::111122223333:role/acme-platform-admin';

/**
 * Acme's EKS preset: private API endpoint, the platform's admin role, Kubernetes 1.34,
 * a three-zone network, a general-purpose pool, Acme's log shipping add-on and Acme's
 * labels and tags.
 */
export class AcmeEksCluster extends EksCluster {
  constructor(scope: Construct, id: string, props: AcmeEksClusterProps) {
    super(scope, id, {
      region: props.region,
      kubernetesVersion: KubernetesVersion.V1_34,
      endpointAccess: EndpointAccess.PRIVATE,
      admins: [ACME_ADMIN_ROLE],
      labels: { 'acme.example/preset': 'eks-standard', 'cost-center': props.costCenter },
      tags: { 'cost-center': props.costCenter, 'managed-by': 'acme-fleet-platform' },
    });
    this.addNodePool('general', { machineType: 'm7i.xlarge', minSize: 3, maxSize: props.maxNodes ?? 6 });
    this.addAddon(new AcmeLogShipping({ collectorHost: props.logCollectorHost }));
  }
}
