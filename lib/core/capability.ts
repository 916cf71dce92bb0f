/**
 * Something a workload's objects need from the cluster before they work, e.g. an
 * enforcing network policy engine for its NetworkPolicy or Gateway API CRDs and a
 * controller for its HTTPRoute. A cluster provides a capability through its own
 * settings, an add-on the fleet installs, or a declaration that the team installed it
 * (`ClusterProps.provides`); synthesis fails when a placed workload needs one that is
 * not provided.
 */
export class Capability {
  /** NetworkPolicy objects are enforced (not merely accepted) by the pod network. */
  public static readonly NETWORK_POLICY = new Capability('network-policy', 'NetworkPolicy enforcement');
  /** Gateway API CRDs plus a controller with a GatewayClass, so HTTPRoutes are served. */
  public static readonly GATEWAY_API = new Capability('gateway-api', 'Gateway API (CRDs and a controller with a GatewayClass)');
  /** KEDA's CRDs and operator, so ScaledObjects scale. */
  public static readonly KEDA = new Capability('keda', 'KEDA (ScaledObject and TriggerAuthentication CRDs and operator)');
  /** A sandboxed container runtime (gVisor or Kata) behind a RuntimeClass. */
  public static readonly SANDBOX_RUNTIME = new Capability('sandbox-runtime', 'a sandboxed container runtime (gVisor or Kata RuntimeClass)');
  /** A containerd Wasm shim installed on the nodes of the Wasm pools. */
  public static readonly WASM_SHIM = new Capability('wasm-shim', 'a containerd Wasm shim installed on the Wasm pools');
  /** A block storage CSI driver and a default StorageClass, so PersistentVolumeClaims bind. */
  public static readonly BLOCK_STORAGE = new Capability('block-storage', 'block storage (a CSI driver and a default StorageClass)');
  /** The NVIDIA device plugin, so pods can request `nvidia.com/gpu`. */
  public static readonly GPU_DEVICE_PLUGIN = new Capability('gpu-device-plugin', 'the NVIDIA device plugin (nvidia.com/gpu)');
  /** The resource metrics API (metrics-server), so HorizontalPodAutoscalers get CPU and memory figures. */
  public static readonly METRICS = new Capability('metrics', 'the resource metrics API (metrics-server)');

  /** Every capability cdk-fleet knows, in a stable order. */
  public static all(): Capability[] {
    return [
      Capability.NETWORK_POLICY, Capability.GATEWAY_API, Capability.KEDA, Capability.SANDBOX_RUNTIME,
      Capability.WASM_SHIM, Capability.BLOCK_STORAGE, Capability.GPU_DEVICE_PLUGIN, Capability.METRICS,
    ];
  }

  /** Stable name, used in manifest.json and error messages (e.g. `gateway-api`). */
  public readonly name: string;
  /** What the capability is, in words. */
  public readonly description: string;

  private constructor(name: string, description: string) {
    this.name = name;
    this.description = description;
  }
}

/** Why a workload needs a capability on a cluster. */
export interface CapabilityRequirement {
  /** The capability. */
  readonly capability: Capability;
  /** What in the workload needs it, e.g. `route (HTTPRoute)`. */
  readonly reason: string;
}
