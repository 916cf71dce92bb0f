import { Accelerator, ClusterNetworking, EndpointAccess, GkeCluster, GpuDriver, GpuSharing, ReleaseChannel, TaintEffect } from '../../lib';
import { Synthesized, synthFleet } from '../support/synth';

describe('GkeCluster', () => {
  let out: Synthesized;
  let cluster: any;
  let pools: any;
  beforeAll(() => {
    out = synthFleet(fleet => {
      const definition = new GkeCluster(fleet, 'ml-us', { project: 'acme-ml-prod', region: 'us-central1' });
      definition.addNodePool('general', { minSize: 3, maxSize: 9, labels: { tier: 'web' }, taints: [{ key: 'dedicated', value: 'web', effect: TaintEffect.NO_SCHEDULE }] });
      definition.addGpuNodePool('l4', { accelerator: Accelerator.NVIDIA_L4, gpusPerNode: 4, sharing: GpuSharing.timeSlicing(3), spot: true, minSize: 0 });
    }, { tags: { team: 'ml' } });
    cluster = out.resources('ml-us', 'google_container_cluster')[0];
    pools = Object.fromEntries(out.resources('ml-us', 'google_container_node_pool').map(p => [p.name, p]));
  });

  test('secure defaults: private nodes and endpoint, Workload Identity, shielded nodes, KMS secrets, logs', () => {
    expect(cluster).toMatchObject({
      name: 'ml-us',
      location: 'us-central1',
      min_master_version: '1.34',
      release_channel: { channel: 'REGULAR' },
      remove_default_node_pool: true,
      networking_mode: 'VPC_NATIVE',
      ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' },
      private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: true, master_ipv4_cidr_block: '172.16.0.0/28' },
      workload_identity_config: { workload_pool: 'acme-ml-prod.svc.id.goog' },
      enable_shielded_nodes: true,
      database_encryption: { state: 'ENCRYPTED', key_name: '${google_kms_crypto_key.secrets-key.id}' },
      network_policy: { enabled: true, provider: 'CALICO' },
      logging_config: { enable_components: ['SYSTEM_COMPONENTS', 'WORKLOADS', 'APISERVER', 'CONTROLLER_MANAGER', 'SCHEDULER'] },
      deletion_protection: true,
      resource_labels: { team: 'ml' },
    });
    expect(cluster.depends_on).toEqual(['google_kms_crypto_key_iam_member.secrets-key-gke-access']);
    expect(out.resources('ml-us', 'google_kms_crypto_key_iam_member')[0]).toMatchObject({
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: 'serviceAccount:service-${data.google_project.project.number}@container-engine-robot.iam.gserviceaccount.com',
    });
    expect(out.resources('ml-us', 'google_kms_crypto_key')[0]).toMatchObject({ rotation_period: '7776000s', labels: { team: 'ml' } });
  });

  test('network: custom VPC, subnetwork with pod and service ranges, Cloud NAT for private nodes', () => {
    expect(out.resources('ml-us', 'google_compute_network')[0]).toMatchObject({ auto_create_subnetworks: false });
    expect(out.resources('ml-us', 'google_compute_subnetwork')[0]).toMatchObject({
      ip_cidr_range: '10.10.0.0/20',
      private_ip_google_access: true,
      secondary_ip_range: [{ range_name: 'pods', ip_cidr_range: '10.16.0.0/14' }, { range_name: 'services', ip_cidr_range: '10.20.0.0/20' }],
    });
    expect(out.resources('ml-us', 'google_compute_router_nat')).toHaveLength(1);
  });

  test('node pools: autoscaling totals, auto-repair/upgrade, metadata server, shielded VMs, least-privilege account', () => {
    expect(pools.general).toMatchObject({
      autoscaling: { total_min_node_count: 3, total_max_node_count: 9, location_policy: 'BALANCED' },
      initial_node_count: 1,
      management: { auto_repair: true, auto_upgrade: true },
      node_config: {
        machine_type: 'e2-standard-4',
        spot: false,
        labels: { 'tier': 'web', 'cdk-fleet.io/node-pool': 'general' },
        taint: [{ key: 'dedicated', value: 'web', effect: 'NO_SCHEDULE' }],
        workload_metadata_config: { mode: 'GKE_METADATA' },
        shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
        service_account: '${google_service_account.node-service-account.email}',
        resource_labels: { team: 'ml' },
      },
    });
    const roles = out.resources('ml-us', 'google_project_iam_member').map(m => m.role).sort();
    expect(roles).toEqual(['roles/artifactregistry.reader', 'roles/logging.logWriter', 'roles/monitoring.metricWriter',
      'roles/monitoring.viewer', 'roles/stackdriver.resourceMetadata.writer']);
  });

  test('GPU pool: guest_accelerator with driver and time-sharing, catalog machine, spot, GPU taint', () => {
    expect(pools.l4.node_config).toMatchObject({
      machine_type: 'g2-standard-48',
      spot: true,
      guest_accelerator: [{
        type: 'nvidia-l4',
        count: 4,
        gpu_driver_installation_config: { gpu_driver_version: 'LATEST' },
        gpu_sharing_config: { gpu_sharing_strategy: 'TIME_SHARING', max_shared_clients_per_gpu: 3 },
      }],
      taint: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }],
      labels: { 'cdk-fleet.io/accelerator': 'nvidia-l4', 'cdk-fleet.io/gpu-count': '4' },
    });
  });

  test('outputs: endpoint, CA, name, OIDC issuer, kubeconfig with the GKE auth plugin', () => {
    const outputs = out.stack('ml-us').output;
    expect(outputs.endpoint.value).toBe('https://${google_container_cluster.cluster.endpoint}');
    expect(outputs.certificate_authority_data.value).toBe('${google_container_cluster.cluster.master_auth[0].cluster_ca_certificate}');
    expect(outputs.oidc_issuer_url.value).toBe('https://container.googleapis.com/v1/projects/acme-ml-prod/locations/us-central1/clusters/ml-us');
    expect(outputs.kubeconfig.value).toContain('command: gke-gcloud-auth-plugin');
  });

  test('options: zonal, public endpoint with authorized networks, Dataplane V2, MIG, operator-managed driver, existing network', () => {
    const zonal = synthFleet(fleet => {
      const c = new GkeCluster(fleet, 'edge', {
        project: 'acme-ml-prod',
        region: 'europe-west4',
        zone: 'europe-west4-a',
        endpointAccess: EndpointAccess.publicAndPrivate(['203.0.113.0/24']),
        networking: ClusterNetworking.cilium(),
        releaseChannel: ReleaseChannel.STABLE,
        secretsKmsKey: 'projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k',
        existingNetwork: { network: 'shared-vpc', subnetwork: 'gke-nodes', podsRangeName: 'gke-pods', servicesRangeName: 'gke-svc' },
      });
      c.addGpuNodePool('a100', { accelerator: Accelerator.NVIDIA_A100_80GB, gpusPerNode: 8, sharing: GpuSharing.mig('3g.40gb'), driver: GpuDriver.GPU_OPERATOR });
    });
    const c = zonal.resources('edge', 'google_container_cluster')[0];
    expect(c).toMatchObject({
      location: 'europe-west4-a',
      datapath_provider: 'ADVANCED_DATAPATH',
      private_cluster_config: { enable_private_endpoint: false },
      master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '203.0.113.0/24' }] },
      release_channel: { channel: 'STABLE' },
      network: 'shared-vpc',
      ip_allocation_policy: { cluster_secondary_range_name: 'gke-pods' },
      database_encryption: { key_name: 'projects/p/locations/europe-west4/keyRings/r/cryptoKeys/k' },
    });
    expect(c.network_policy).toBeUndefined();
    expect(zonal.resources('edge', 'google_compute_network')).toEqual([]);
    expect(zonal.resources('edge', 'google_container_node_pool')[0].node_config).toMatchObject({
      machine_type: 'a2-ultragpu-8g',
      guest_accelerator: [{ type: 'nvidia-a100-80gb', count: 8, gpu_partition_size: '3g.40gb', gpu_driver_installation_config: { gpu_driver_version: 'INSTALLATION_DISABLED' } }],
    });
  });

  test('masterGlobalAccess and binaryAuthorization are off by default and set when asked', () => {
    expect(cluster.private_cluster_config.master_global_access_config).toBeUndefined();
    expect(cluster.binary_authorization).toBeUndefined();
    const on = synthFleet(fleet => new GkeCluster(fleet, 'secure', {
      project: 'acme-prod', region: 'us-central1', masterGlobalAccess: true, binaryAuthorization: true,
    }).addNodePool('general'));
    const c = on.resources('secure', 'google_container_cluster')[0];
    expect(c.private_cluster_config).toMatchObject({ enable_private_nodes: true, master_global_access_config: { enabled: true } });
    expect(c.binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
  });
});
