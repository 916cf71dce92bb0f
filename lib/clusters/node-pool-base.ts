import { Construct } from 'constructs';
import { GpuPoolSpec, INodePool } from './cluster';
import { LABEL_PREFIX, PoolSpec } from './node-pool-spec';
import { Taint } from '../core/taint';
import { addFleetWarning, WarningId } from '../core/warnings';

/** What every cloud's node pool construct records about itself. */
export abstract class NodePoolBase extends Construct implements INodePool {
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
    this.labels = { ...spec.labels, [`${LABEL_PREFIX}/node-pool`]: id };
    this.taints = spec.taints;
    this.minSize = spec.minSize;
    this.maxSize = spec.maxSize;
    this.spot = spec.spot;
    this.gpu = spec.gpu;
    if (spec.warning) addFleetWarning(this, WarningId.GPU_MACHINE_NOT_IN_CATALOG, spec.warning);
  }
}
