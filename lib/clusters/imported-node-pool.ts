import { Construct } from 'constructs';
import { GpuPoolSpec, INodePool } from './cluster';
import { PoolSpec } from './node-pool-spec';
import { Taint } from '../core/taint';

/** A described node pool of an imported cluster: facts for placement, no resources. */
export class ImportedNodePool extends Construct implements INodePool {
  public readonly poolName: string;
  public readonly machineType: string;
  public readonly labels: { [key: string]: string };
  public readonly taints: Taint[];
  public readonly minSize: number;
  public readonly maxSize: number;
  public readonly spot: boolean;
  public readonly gpu?: GpuPoolSpec;

  constructor(scope: Construct, id: string, spec: PoolSpec) {
    super(scope, id);
    this.poolName = id;
    this.machineType = spec.machineType;
    this.labels = { ...spec.labels };
    this.taints = [...spec.taints];
    this.minSize = spec.minSize;
    this.maxSize = spec.maxSize;
    this.spot = spec.spot;
    if (spec.gpu) this.gpu = spec.gpu;
  }
}
