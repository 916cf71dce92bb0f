// Provider resource classes, loaded on first use: a program pays for a cloud's
// resources only when it builds a cluster on that cloud (deep imports only).
/* eslint-disable @typescript-eslint/no-require-imports */

export const azurerm = {
  get DataAzurermKubernetesCluster(): typeof import('@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster').DataAzurermKubernetesCluster { return require('@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster').DataAzurermKubernetesCluster; },
  get AzurermProvider(): typeof import('@cdktf/provider-azurerm/lib/provider').AzurermProvider { return require('@cdktf/provider-azurerm/lib/provider').AzurermProvider; },
  get DataAzurermClientConfig(): typeof import('@cdktf/provider-azurerm/lib/data-azurerm-client-config').DataAzurermClientConfig { return require('@cdktf/provider-azurerm/lib/data-azurerm-client-config').DataAzurermClientConfig; },
  get FederatedIdentityCredential(): typeof import('@cdktf/provider-azurerm/lib/federated-identity-credential').FederatedIdentityCredential { return require('@cdktf/provider-azurerm/lib/federated-identity-credential').FederatedIdentityCredential; },
  get KeyVault(): typeof import('@cdktf/provider-azurerm/lib/key-vault').KeyVault { return require('@cdktf/provider-azurerm/lib/key-vault').KeyVault; },
  get KeyVaultKey(): typeof import('@cdktf/provider-azurerm/lib/key-vault-key').KeyVaultKey { return require('@cdktf/provider-azurerm/lib/key-vault-key').KeyVaultKey; },
  get KubernetesCluster(): typeof import('@cdktf/provider-azurerm/lib/kubernetes-cluster').KubernetesCluster { return require('@cdktf/provider-azurerm/lib/kubernetes-cluster').KubernetesCluster; },
  get KubernetesClusterNodePool(): typeof import('@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool').KubernetesClusterNodePool { return require('@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool').KubernetesClusterNodePool; },
  get LogAnalyticsWorkspace(): typeof import('@cdktf/provider-azurerm/lib/log-analytics-workspace').LogAnalyticsWorkspace { return require('@cdktf/provider-azurerm/lib/log-analytics-workspace').LogAnalyticsWorkspace; },
  get MonitorDataCollectionRule(): typeof import('@cdktf/provider-azurerm/lib/monitor-data-collection-rule').MonitorDataCollectionRule { return require('@cdktf/provider-azurerm/lib/monitor-data-collection-rule').MonitorDataCollectionRule; },
  get MonitorDataCollectionRuleAssociation(): typeof import('@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association').MonitorDataCollectionRuleAssociation { return require('@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association').MonitorDataCollectionRuleAssociation; },
  get MonitorDiagnosticSetting(): typeof import('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting').MonitorDiagnosticSetting { return require('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting').MonitorDiagnosticSetting; },
  get ResourceGroup(): typeof import('@cdktf/provider-azurerm/lib/resource-group').ResourceGroup { return require('@cdktf/provider-azurerm/lib/resource-group').ResourceGroup; },
  get RoleAssignment(): typeof import('@cdktf/provider-azurerm/lib/role-assignment').RoleAssignment { return require('@cdktf/provider-azurerm/lib/role-assignment').RoleAssignment; },
  get Subnet(): typeof import('@cdktf/provider-azurerm/lib/subnet').Subnet { return require('@cdktf/provider-azurerm/lib/subnet').Subnet; },
  get UserAssignedIdentity(): typeof import('@cdktf/provider-azurerm/lib/user-assigned-identity').UserAssignedIdentity { return require('@cdktf/provider-azurerm/lib/user-assigned-identity').UserAssignedIdentity; },
  get VirtualNetwork(): typeof import('@cdktf/provider-azurerm/lib/virtual-network').VirtualNetwork { return require('@cdktf/provider-azurerm/lib/virtual-network').VirtualNetwork; },
};
