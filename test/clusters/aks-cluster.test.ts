import { Accelerator, AksCluster, ClusterNetworking, EndpointAccess, GpuSharing, TaintEffect } from '../../lib';
import { Synthesized, synthFleet } from '../support/synth';

describe('AksCluster', () => {
  let out: Synthesized;
  let cluster: any;
  let pools: any;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const definition = new AksCluster(fleet, 'ml-eu', { location: 'westeurope', adminGroupObjectIds: ['00000000-0000-0000-0000-000000000001'] });
      definition.addNodePool('general', { minSize: 1, maxSize: 4, taints: [{ key: 'dedicated', value: 'web', effect: TaintEffect.PREFER_NO_SCHEDULE }] });
      definition.addGpuNodePool('a100', { accelerator: Accelerator.NVIDIA_A100_80GB, gpusPerNode: 1, sharing: GpuSharing.mig('1g.10gb'), spot: true, minSize: 0 });
    }, { tags: { team: 'ml' } });
    cluster = out.resources('ml-eu', 'azurerm_kubernetes_cluster')[0];
    pools = Object.fromEntries(out.resources('ml-eu', 'azurerm_kubernetes_cluster_node_pool').map(p => [p.name, p]));
  });

  test('the deployer that applies the add-ons stack is an Azure RBAC cluster admin (local accounts are off)', () => {
    const admin = out.resources('ml-eu', 'azurerm_role_assignment').find(r => r.role_definition_name === 'Azure Kubernetes Service RBAC Cluster Admin');
    expect(admin).toMatchObject({
      scope: '${azurerm_kubernetes_cluster.cluster.id}',
      principal_id: expect.stringMatching(/^\$\{data\.azurerm_client_config\.deployer\.object_id\}$/),
    });
  });

  test('the control-plane identity is Network Contributor on the nodes\' subnet before the cluster is created', () => {
    const network = out.resources('ml-eu', 'azurerm_role_assignment').find(r => r.role_definition_name === 'Network Contributor');
    expect(network.scope).toMatch(/^\$\{azurerm_subnet\.network_nodes_[0-9A-F]+\.id\}$/);
    expect(network.principal_id).toMatch(/azurerm_user_assigned_identity\.secrets_control-plane-identity_[0-9A-F]+\.principal_id/);
    expect(cluster.depends_on).toContainEqual(expect.stringMatching(/azurerm_role_assignment\.control-plane-network-contributor/));
  });

  test('Container Insights has a data collection rule associated with the cluster', () => {
    const [rule] = out.resources('ml-eu', 'azurerm_monitor_data_collection_rule');
    expect(rule).toMatchObject({
      destinations: { log_analytics: [{ name: 'ciworkspace', workspace_resource_id: expect.stringMatching(/azurerm_log_analytics_workspace\.logs/) }] },
      data_flow: [{ streams: ['Microsoft-ContainerInsights-Group-Default'], destinations: ['ciworkspace'] }],
      data_sources: { extension: [{ extension_name: 'ContainerInsights', streams: ['Microsoft-ContainerInsights-Group-Default'] }] },
    });
    const [association] = out.resources('ml-eu', 'azurerm_monitor_data_collection_rule_association');
    expect(association).toMatchObject({ target_resource_id: '${azurerm_kubernetes_cluster.cluster.id}', data_collection_rule_id: expect.stringMatching(/azurerm_monitor_data_collection_rule\.container-insights_rule/) });
  });

  test('spot pools declare the label AKS sets, so plans show no drift', () => {
    expect(pools.a100.node_labels['kubernetes.azure.com/scalesetpriority']).toBe('spot');
    expect(pools.a100.node_taints).toContain('kubernetes.azure.com/scalesetpriority=spot:NoSchedule');
    expect(pools.general.node_labels['kubernetes.azure.com/scalesetpriority']).toBeUndefined();
  });

  test('secure defaults: private cluster, Azure RBAC without local accounts, workload identity, KMS, overlay CNI', () => {
    expect(cluster).toMatchObject({
      name: 'ml-eu',
      kubernetes_version: '1.34',
      private_cluster_enabled: true,
      local_account_disabled: true,
      run_command_enabled: false,
      role_based_access_control_enabled: true,
      azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, admin_group_object_ids: ['00000000-0000-0000-0000-000000000001'] },
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      automatic_upgrade_channel: 'patch',
      key_management_service: { key_vault_key_id: expect.stringMatching(/^\$\{azurerm_key_vault_key\.secrets_key_[0-9A-F]+\.id\}$/), key_vault_network_access: 'Public' },
      network_profile: {
        network_plugin: 'azure',
        network_plugin_mode: 'overlay',
        network_policy: 'azure',
        network_data_plane: 'azure',
        pod_cidr: '10.244.0.0/16',
        service_cidr: '10.0.0.0/16',
        dns_service_ip: '10.0.0.10',
      },
      identity: { type: 'UserAssigned' },
      tags: { team: 'ml' },
    });
    expect(cluster.api_server_access_profile).toBeUndefined();
    expect(out.resources('ml-eu', 'azurerm_key_vault')[0]).toMatchObject({ purge_protection_enabled: true, rbac_authorization_enabled: true });
    const roles = out.resources('ml-eu', 'azurerm_role_assignment').map(r => r.role_definition_name).sort();
    expect(roles).toEqual(['Azure Kubernetes Service RBAC Cluster Admin', 'Key Vault Crypto Officer', 'Key Vault Crypto User', 'Network Contributor']);
  });

  test('audit logging and monitoring go to Log Analytics', () => {
    const workspace = '${azurerm_log_analytics_workspace.logs.id}';
    expect(cluster.oms_agent).toMatchObject({ log_analytics_workspace_id: workspace });
    expect(out.resources('ml-eu', 'azurerm_monitor_diagnostic_setting')[0]).toMatchObject({
      target_resource_id: '${azurerm_kubernetes_cluster.cluster.id}',
      log_analytics_workspace_id: workspace,
      enabled_log: [{ category: 'kube-audit-admin' }, { category: 'kube-apiserver' }, { category: 'guard' }],
    });
  });

  test('system pool: critical add-ons only, autoscaled, rotated through a temporary pool', () => {
    expect(cluster.default_node_pool).toMatchObject({
      name: 'system',
      vm_size: 'Standard_D4ds_v5',
      only_critical_addons_enabled: true,
      auto_scaling_enabled: true,
      min_count: 2,
      max_count: 5,
      temporary_name_for_rotation: 'systemtmp',
      zones: ['1', '2', '3'],
    });
  });

  test('user pools: taints in AKS spelling, spot with the AKS spot taint, GPU driver and MIG instance', () => {
    expect(pools.general).toMatchObject({
      mode: 'User',
      vm_size: 'Standard_D4ds_v5',
      min_count: 1,
      max_count: 4,
      auto_scaling_enabled: true,
      node_taints: ['dedicated=web:PreferNoSchedule'],
      temporary_name_for_rotation: 'generaltmp',
    });
    expect(pools.general.priority).toBeUndefined();
    expect(pools.a100).toMatchObject({
      vm_size: 'Standard_NC24ads_A100_v4',
      gpu_driver: 'Install',
      gpu_instance: 'MIG1g',
      priority: 'Spot',
      eviction_policy: 'Delete',
      spot_max_price: -1,
      node_taints: ['nvidia.com/gpu=present:NoSchedule', 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule'],
      node_labels: { 'cdk-fleet.io/accelerator': 'nvidia-a100-80gb', 'nvidia.com/mig.config': 'all-1g.10gb' },
    });
  });

  test('outputs: endpoint, CA and kubeconfig are sensitive; OIDC issuer', () => {
    const outputs = out.stack('ml-eu').output;
    expect(outputs.endpoint).toMatchObject({ value: '${azurerm_kubernetes_cluster.cluster.kube_config[0].host}', sensitive: true });
    expect(outputs.oidc_issuer_url.value).toBe('${azurerm_kubernetes_cluster.cluster.oidc_issuer_url}');
    expect(outputs.kubeconfig.value).toContain('command: kubelogin');
  });

  test('options: authorized IP ranges, Cilium dataplane, existing subnet, existing key and workspace', () => {
    const custom = synthFleet(fleet => new AksCluster(fleet, 'edge', {
      location: 'eastus2',
      endpointAccess: EndpointAccess.publicAndPrivate(['203.0.113.0/24']),
      networking: ClusterNetworking.cilium(),
      existingSubnetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes',
      secretsKeyVaultKeyId: 'https://kv.vault.azure.net/keys/k/1',
      logAnalyticsWorkspaceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w',
      createResourceGroup: false,
      resourceGroupName: 'rg-platform',
      zones: [],
    }));
    const c = custom.resources('edge', 'azurerm_kubernetes_cluster')[0];
    expect(c).toMatchObject({
      private_cluster_enabled: false,
      api_server_access_profile: { authorized_ip_ranges: ['203.0.113.0/24'] },
      network_profile: { network_policy: 'cilium', network_data_plane: 'cilium' },
      resource_group_name: 'rg-platform',
      key_management_service: { key_vault_key_id: 'https://kv.vault.azure.net/keys/k/1' },
    });
    for (const type of ['azurerm_virtual_network', 'azurerm_key_vault', 'azurerm_log_analytics_workspace', 'azurerm_resource_group']) {
      expect(custom.resources('edge', type)).toEqual([]);
    }
  });

  test('maintenanceWindow: patch and node image upgrades start only in the weekly window; by default there is none', () => {
    expect(cluster.maintenance_window_auto_upgrade).toBeUndefined();
    expect(cluster.maintenance_window_node_os).toBeUndefined();
    const windowed = synthFleet(fleet => new AksCluster(fleet, 'eu', {
      location: 'westeurope',
      maintenanceWindow: { dayOfWeek: 'Sunday', startTime: '02:00', durationHours: 6, utcOffset: '+01:00' },
    }));
    const c = windowed.resources('eu', 'azurerm_kubernetes_cluster')[0];
    const weekly = { frequency: 'Weekly', interval: 1, day_of_week: 'Sunday', start_time: '02:00', duration: 6, utc_offset: '+01:00' };
    expect(c.maintenance_window_auto_upgrade).toEqual(weekly);
    expect(c.maintenance_window_node_os).toEqual(weekly);
    expect(c.run_command_enabled).toBe(false);
  });

  test.each([
    [{ dayOfWeek: 'Sun', startTime: '02:00' }, /aksCluster 'fleet\/eu': maintenanceWindow.dayOfWeek 'Sun' is not a day; use one of Monday, .*Sunday/],
    [{ dayOfWeek: 'Sunday', startTime: '2am' }, /aksCluster 'fleet\/eu': maintenanceWindow.startTime '2am' is not a time of day; use HH:mm/],
    [{ dayOfWeek: 'Sunday', startTime: '02:00', durationHours: 2 }, /aksCluster 'fleet\/eu': maintenanceWindow.durationHours 2 must be a whole number from 4 to 24 hours/],
    [{ dayOfWeek: 'Sunday', startTime: '02:00', utcOffset: 'CET' }, /aksCluster 'fleet\/eu': maintenanceWindow.utcOffset 'CET' is not an offset from UTC; use \+HH:mm or -HH:mm/],
  ])('a bad maintenance window %j fails at construction', (maintenanceWindow, message) => {
    expect(() => synthFleet(fleet => new AksCluster(fleet, 'eu', { location: 'westeurope', maintenanceWindow }))).toThrow(message);
  });
});
