import { Construct } from 'constructs';
import { azurerm } from './aks-resources';

/** Name of the Container Insights stream group and destination. */
const STREAM = 'Microsoft-ContainerInsights-Group-Default';
const DESTINATION = 'ciworkspace';

/** What the data collection rule needs from the cluster. */
export interface AksContainerInsightsProps {
  readonly clusterName: string;
  readonly clusterId: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly workspaceId: string;
}

/**
 * Container Insights with managed identity auth (`msi_auth_for_monitoring_enabled`)
 * sends nothing until a data collection rule with the ContainerInsights extension is
 * associated with the cluster: the rule (all Container Insights streams to the Log
 * Analytics workspace, ContainerLogV2) and its association.
 * See https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable
 */
export class AksContainerInsights extends Construct {
  constructor(scope: Construct, id: string, props: AksContainerInsightsProps) {
    super(scope, id);
    const rule = new azurerm.MonitorDataCollectionRule(this, 'rule', {
      name: `MSCI-${props.location}-${props.clusterName}`.slice(0, 64),
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      kind: 'Linux',
      destinations: { logAnalytics: [{ name: DESTINATION, workspaceResourceId: props.workspaceId }] },
      dataFlow: [{ streams: [STREAM], destinations: [DESTINATION] }],
      dataSources: {
        extension: [{
          name: 'ContainerInsightsExtension',
          extensionName: 'ContainerInsights',
          streams: [STREAM],
          extensionJson: JSON.stringify({ dataCollectionSettings: { interval: '1m', namespaceFilteringMode: 'Off', enableContainerLogV2: true } }),
        }],
      },
    });
    new azurerm.MonitorDataCollectionRuleAssociation(this, 'association', {
      name: 'ContainerInsightsExtension',
      targetResourceId: props.clusterId,
      dataCollectionRuleId: rule.id,
    });
  }
}
