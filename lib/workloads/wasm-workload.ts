import { Construct } from 'constructs';
import { PodExtras } from './pod-extras';
import { Workload, WorkloadProps } from './workload';
import { ICluster } from '../clusters/cluster';
import { LABEL_PREFIX } from '../clusters/node-pool-spec';
import { Capability } from '../core/capability';
import { invalid, show } from '../core/errors';
import { dns1123LabelProblem } from '../core/names';

/** Properties of a Wasm workload. */
export interface WasmWorkloadProps extends WorkloadProps {
  /**
   * RuntimeClass (and containerd handler) that runs the Wasm module.
   * @default 'wasmtime-spin-v2' (SpinKube)
   */
  readonly runtimeClass?: string;
  /**
   * containerd handler of the RuntimeClass.
   * @default 'spin'
   */
  readonly handler?: string;
  /**
   * Value of the `cdk-fleet.io/wasm-shim` label of the node pools that carry the shim
   * (set with the pool option `wasmShim`).
   * @default 'spin'
   */
  readonly shim?: string;
}

const KIND = 'wasmWorkload';

/**
 * A WebAssembly workload (SpinKube or runwasi): a hardened workload whose pods use a
 * Wasm `runtimeClassName`; the `RuntimeClass` object selects the nodes of pools created
 * with `wasmShim`. Synthesis fails when a target cluster has no such pool.
 */
export class WasmWorkload extends Workload {
  /** RuntimeClass of the pods. */
  public readonly runtimeClass: string;
  /** Shim label value the nodes must carry. */
  public readonly shim: string;
  private readonly handler: string;

  constructor(scope: Construct, id: string, props: WasmWorkloadProps) {
    super(scope, id, props);
    this.runtimeClass = props.runtimeClass ?? 'wasmtime-spin-v2';
    this.handler = props.handler ?? 'spin';
    this.shim = props.shim ?? 'spin';
    for (const [what, value] of Object.entries({ runtimeClass: this.runtimeClass, handler: this.handler, shim: this.shim })) {
      const problem = dns1123LabelProblem(value);
      if (problem) invalid(KIND, this, `${what} ${show(value)} is not a DNS-1123 label: ${problem}`);
    }
    this.node.addValidation({
      validate: () => this.placedOn
        .filter(cluster => !cluster.nodePools.some(p => p.labels[`${LABEL_PREFIX}/wasm-shim`] === this.shim))
        .map(cluster => `${KIND}: cluster '${cluster.node.id}' has no node pool with the '${this.shim}' Wasm shim; ` +
          `add one with addNodePool(id, { wasmShim: '${this.shim}' }) (pools: ${cluster.nodePools.map(p => p.poolName).join(', ') || 'none'})`),
    });
  }

  /** The Wasm `runtimeClassName` and its RuntimeClass (written once per cluster), which selects the shim's nodes. */
  public podExtras(_cluster: ICluster): PodExtras {
    const selector = { [`${LABEL_PREFIX}/wasm-shim`]: this.shim };
    return {
      runtimeClassName: this.runtimeClass,
      requires: [{ capability: Capability.WASM_SHIM, reason: `runtimeClassName ${this.runtimeClass} (handler ${this.handler}, shim '${this.shim}')` }],
      objects: [{
        apiVersion: 'node.k8s.io/v1',
        kind: 'RuntimeClass',
        metadata: { name: this.runtimeClass, labels: { 'app.kubernetes.io/managed-by': 'cdk-fleet' } },
        handler: this.handler,
        scheduling: { nodeSelector: selector },
      }],
    };
  }
}
