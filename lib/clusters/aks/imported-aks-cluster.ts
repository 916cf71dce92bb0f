import { Construct } from 'constructs';
import { aksKubeconfigExec } from './aks-auth';
import { azurerm } from './aks-resources';
import { Cloud } from '../../core/cloud';
import { invalid, show } from '../../core/errors';
import { aksClusterNameProblem } from '../../core/names';
import { KubeconfigExec } from '../cluster-stack';
import { ImportedClusterStack } from '../imported-cluster';
import { ImportedAksClusterAttributes } from './imported-aks-attributes';
import { execKubeconfig } from '../kubeconfig';

const KIND = 'importedAksCluster';
const RESOURCE_GROUP = /^[-\w.()]{1,89}[-\w()]$/;
const SUBSCRIPTION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An AKS cluster the fleet did not build: its stack reads it with the
 * `azurerm_kubernetes_cluster` data source (host, CA, OIDC issuer) and creates nothing;
 * the add-ons stack's Helm provider authenticates with kubelogin (Entra ID).
 */
export class ImportedAksCluster extends ImportedClusterStack {
  public readonly cloud = Cloud.AZURE;
  /** Resource group of the cluster. */
  public readonly resourceGroupName: string;
  public readonly endpoint: string;
  public readonly certificateAuthorityData: string;
  public readonly oidcIssuerUrl: string;
  public readonly kubeconfig: string;

  constructor(scope: Construct, id: string, attrs: ImportedAksClusterAttributes) {
    super(scope, id, attrs, KIND, Cloud.AZURE);
    const problem = aksClusterNameProblem(this.clusterName);
    if (problem) invalid(KIND, this, `clusterName ${show(this.clusterName)} is not a valid AKS cluster name: ${problem}`);
    if (typeof attrs.resourceGroupName !== 'string' || !RESOURCE_GROUP.test(attrs.resourceGroupName)) {
      invalid(KIND, this, `resourceGroupName ${show(attrs.resourceGroupName)} is not an Azure resource group name (1-90 letters, digits, '-', '_', '.', '(' and ')', not ending in '.')`);
    }
    if (attrs.subscriptionId !== undefined && !SUBSCRIPTION.test(attrs.subscriptionId)) {
      invalid(KIND, this, `subscriptionId ${show(attrs.subscriptionId)} is not a subscription id (a lowercase GUID)`);
    }
    this.resourceGroupName = attrs.resourceGroupName;
    new azurerm.AzurermProvider(this, 'azurerm', { features: [{}], subscriptionId: attrs.subscriptionId });
    const cluster = new azurerm.DataAzurermKubernetesCluster(this, 'cluster', { name: this.clusterName, resourceGroupName: attrs.resourceGroupName, lifecycle: this._versionCheck('current_kubernetes_version') });
    const kubeConfig = cluster.kubeConfig.get(0);
    this.endpoint = kubeConfig.host;
    this.certificateAuthorityData = kubeConfig.clusterCaCertificate;
    this.oidcIssuerUrl = cluster.oidcIssuerUrl;
    const exec = this._kubeconfigExec();
    this.kubeconfig = execKubeconfig(this.clusterName, this.endpoint, this.certificateAuthorityData, exec.command, exec.args);
  }

  /** @internal */
  public _kubeconfigExec(): KubeconfigExec {
    return aksKubeconfigExec();
  }
}
