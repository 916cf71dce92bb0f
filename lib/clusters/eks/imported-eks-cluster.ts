import { Construct } from 'constructs';
import { aws } from './eks-resources';
import { Cloud } from '../../core/cloud';
import { invalid, show } from '../../core/errors';
import { eksClusterNameProblem } from '../../core/names';
import { KubeconfigExec } from '../cluster-stack';
import { ImportedClusterStack } from '../imported-cluster';
import { ImportedEksClusterAttributes } from './imported-eks-attributes';
import { execKubeconfig } from '../kubeconfig';
import { checkRegion } from '../region-check';

const KIND = 'importedEksCluster';

/**
 * An EKS cluster the fleet did not build: its stack reads it with the `aws_eks_cluster`
 * data source (endpoint, CA, OIDC issuer) and creates nothing; the add-ons stack's
 * Helm provider authenticates with `aws eks get-token`, as for fleet-built clusters.
 */
export class ImportedEksCluster extends ImportedClusterStack {
  public readonly cloud = Cloud.AWS;
  /** AWS region of the cluster. */
  public readonly region: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubeconfig: string;

  constructor(scope: Construct, id: string, attrs: ImportedEksClusterAttributes) {
    super(scope, id, attrs, KIND, Cloud.AWS);
    const problem = eksClusterNameProblem(this.clusterName);
    if (problem) invalid(KIND, this, `clusterName ${show(this.clusterName)} is not a valid EKS cluster name: ${problem}`);
    checkRegion(KIND, this, Cloud.AWS, 'region', attrs.region);
    this.region = attrs.region;
    new aws.AwsProvider(this, 'aws', { region: attrs.region });
    const cluster = new aws.DataAwsEksCluster(this, 'cluster', { name: this.clusterName, lifecycle: this._versionCheck('version') });
    this.endpoint = cluster.endpoint;
    this.certificateAuthorityData = cluster.certificateAuthority.get(0).data;
    this.oidcIssuerUrl = cluster.identity.get(0).oidc.get(0).issuer;
    const exec = this._kubeconfigExec();
    this.kubeconfig = execKubeconfig(this.clusterName, this.endpoint, this.certificateAuthorityData, exec.command, exec.args);
  }

  /** @internal */
  public _kubeconfigExec(): KubeconfigExec {
    return { command: 'aws', args: ['eks', 'get-token', '--cluster-name', this.clusterName, '--region', this.region] };
  }
}
