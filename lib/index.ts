// core: names, errors, catalogs (knows nothing of clouds' resources)
export * from './core/cloud';
export * from './core/capability';
// FleetValidationError (lib/core/errors) is not exported: jsii cannot model subclasses of Error.
// Recognize it with FleetErrors.isFleetError / codeOf (or `err.name === 'FleetValidationError'`).
export * from './core/kubernetes-version';
export * from './core/taint';
export * from './core/telemetry-options';
export * from './core/gpu/accelerator';
export * from './core/gpu/sharing';
export { GPU_CATALOG_VERSION } from './core/gpu/catalog';
export { REGION_CATALOG_VERSION } from './core/regions';
export * from './core/fleet-errors';
export { Warnings } from './core/warnings';

// clusters: the cloud-neutral surface and one folder per cloud
export * from './clusters/addon-options';
export * from './clusters/cluster';
export * from './clusters/cluster-stack';
export * from './clusters/endpoint-access';
export * from './clusters/networking';
export * from './clusters/eks/ami';
export * from './clusters/eks/eks-network-options';
export * from './clusters/eks/eks-cluster';
export * from './clusters/gke/gke-network-refs';
export * from './clusters/gke/gke-cluster';
export * from './clusters/aks/aks-cluster';
export * from './clusters/aks/aks-maintenance';
export * from './clusters/addon';
export * from './clusters/helm-chart';
export * from './clusters/imported-cluster-attributes';
export * from './clusters/eks/imported-eks-attributes';
export * from './clusters/gke/imported-gke-attributes';
export * from './clusters/aks/imported-aks-attributes';

// teams: namespaces, quotas, access and cost labels per application team
export * from './teams/team-options';
export * from './teams/team';
export { FLEET_DEFAULT_NAMESPACE, TEAM_LABEL } from './core/namespaces';

// workloads: hardened Kubernetes objects placed on clusters
export * from './workloads/workload';
export * from './workloads/inference-service';
export * from './workloads/wasm-workload';
export * from './workloads/batch-job';
export * from './workloads/agent-service';
export * from './workloads/workload-base';
export * from './workloads/container-options';
export * from './workloads/pod-extras';
export * from './workloads/render-context';
export * from './workloads/env-sources';
export * from './workloads/volumes';
export * from './workloads/probes';
export * from './workloads/workload-identity';
export * from './workloads/manifest/kubernetes-manifest';

// addons: <cluster>-addons stacks (helm_release) are added at synth; chart versions pinned in one catalog
export { ADDON_CATALOG_VERSION } from './addons/catalog';

// fleet: the root construct and synthesis
export * from './fleet/state/backend';
export * from './fleet/state/encryption';
export * from './fleet/fleet';

// edge: k3s sites, per-site bundles, GitOps delivery
export * from './edge/edge-options';
export * from './edge/edge-site';
export * from './edge/edge-workload';
export * from './edge/inventory';
export * from './edge/gitops';
export * from './edge/edge-fleet';

// policy: rule packs run over the synthesized output
export { PodSecurityLevel } from './policy/pod-security/levels';
export * from './policy/rule';
export * from './policy/input';
export * from './policy/pack';
export * from './policy/suppressions';
export * from './policy/policy-options';
export * from './policy/packs/pod-security-pack';
export * from './policy/packs/cluster-hardening';
export * from './policy/packs/best-practices';
export * from './policy/query';
