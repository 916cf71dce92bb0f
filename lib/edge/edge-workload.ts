import { Construct } from 'constructs';
import { CpuArch, EdgeWorkloadProps } from './edge-options';
import { assertUniqueChildId, invalid, show } from '../core/errors';
import { labelKeyProblem } from '../core/names';
import { defaultNamespaceAt, workloadNamespaceProblem } from '../core/namespaces';
import { checkServiceContainer } from '../workloads/workload-checks';

const KIND = 'edgeWorkload';

/**
 * A workload on the sites of an edge fleet, with the same hardened pod template as
 * cluster workloads, plus what edge sites need: an architecture node selector,
 * long tolerations on intermittent sites, the GPU resource and runtime class on GPU
 * sites. Created with `EdgeFleet.addWorkload()`.
 */
export class EdgeWorkload extends Construct {
  /** Name of the Kubernetes objects. */
  public readonly workloadName: string;
  /** Namespace of the objects. */
  public readonly namespace: string;
  /** Architectures the image is built for. */
  public readonly platforms: CpuArch[];
  /** The workload's props. */
  public readonly props: EdgeWorkloadProps;

  constructor(scope: Construct, id: string, props: EdgeWorkloadProps) {
    assertUniqueChildId(KIND, scope, id);
    super(scope, id);
    this.props = props;
    this.workloadName = id;
    this.namespace = props.namespace ?? defaultNamespaceAt(this);
    const nsProblem = workloadNamespaceProblem(this.namespace);
    if (nsProblem) invalid(KIND, this, `namespace ${show(this.namespace)} cannot hold workloads: ${nsProblem}`);
    checkServiceContainer(this, id, props, KIND);
    const replicas = props.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 1) invalid(KIND, this, `replicas ${show(replicas)} must be a whole number ≥ 1`);
    if (props.gpus !== undefined && (!Number.isInteger(props.gpus) || props.gpus < 1)) invalid(KIND, this, `gpus ${show(props.gpus)} must be a whole number ≥ 1`);
    this.platforms = [...(props.platforms ?? [CpuArch.AMD64, CpuArch.ARM64])];
    if (this.platforms.length === 0 || this.platforms.some(p => !Object.values(CpuArch).includes(p))) {
      invalid(KIND, this, `platforms ${show(this.platforms)} must list at least one of ${Object.values(CpuArch).join(', ')}`);
    }
    for (const key of Object.keys(props.siteSelector ?? {})) {
      const problem = labelKeyProblem(key);
      if (problem) invalid(KIND, this, `siteSelector key ${show(key)} is not a label key: ${problem}`);
    }
  }
}
