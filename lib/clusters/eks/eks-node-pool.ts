import type { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { eksAmiType, EksNodeImage } from './ami';
import { aws } from './eks-resources';
import { upperSnakeEffect } from '../../core/taint';
import { NodePoolBase } from '../node-pool-base';
import { PoolSpec } from '../node-pool-spec';

/** What an EKS node pool needs from its cluster. */
export interface EksNodePoolContext {
  readonly clusterName: string;
  readonly nodeRoleArn: string;
  readonly subnetIds: string[];
  readonly image: EksNodeImage;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * An EKS managed node group.
 *
 * Replacement: changing the AMI family (`EksNodeImage`), the GPU driver mode or the
 * machine type replaces the node group's nodes (rolling, respecting
 * `max_unavailable_percentage`); `desired_size` is ignored after creation so the
 * cluster autoscaler owns it.
 */
export class EksNodePool extends NodePoolBase {
  /** The underlying `aws_eks_node_group`. */
  public readonly nodeGroup: EksNodeGroup;

  constructor(scope: Construct, id: string, spec: PoolSpec, context: EksNodePoolContext) {
    super(scope, id, spec);
    this.nodeGroup = new aws.EksNodeGroup(this, 'node-group', {
      clusterName: context.clusterName,
      nodeGroupName: id,
      nodeRoleArn: context.nodeRoleArn,
      subnetIds: context.subnetIds,
      instanceTypes: [spec.machineType],
      amiType: eksAmiType(context.image, spec.machineType, spec.gpu),
      capacityType: spec.spot ? 'SPOT' : 'ON_DEMAND',
      diskSize: spec.diskSizeGib,
      scalingConfig: { minSize: spec.minSize, maxSize: spec.maxSize, desiredSize: spec.desiredSize },
      updateConfig: { maxUnavailablePercentage: 33 },
      nodeRepairConfig: { enabled: true },
      labels: this.labels,
      taint: spec.taints.length > 0 ? spec.taints.map(t => ({ key: t.key, value: t.value, effect: upperSnakeEffect(t.effect) })) : undefined,
      tags: { Name: `${context.clusterName}-${id}` },
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
      dependsOn: context.dependsOn,
    });
  }
}
