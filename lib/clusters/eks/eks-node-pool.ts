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
  /** The cluster's name as a plain string (clusterName is a reference). */
  readonly clusterNameText: string;
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
    // IMDSv2 only, and a hop limit of 1 so pods (one network hop away) cannot reach the node's
    // instance metadata and role; add-ons get their roles through EKS Pod Identity instead.
    // https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html
    // With a launch template the root volume is set here, not in the node group's disk_size.
    const launchTemplate = new aws.LaunchTemplate(this, 'launch-template', {
      namePrefix: `${context.clusterNameText}-${id}-`,
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{
        // Bottlerocket keeps containers on its data volume (/dev/xvdb); AL2023 on the root volume.
        deviceName: context.image === EksNodeImage.BOTTLEROCKET ? '/dev/xvdb' : '/dev/xvda',
        ebs: { volumeSize: spec.diskSizeGib, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' },
      }],
      tagSpecifications: [{ resourceType: 'instance', tags: { Name: `${context.clusterName}-${id}` } }],
    });
    this.nodeGroup = new aws.EksNodeGroup(this, 'node-group', {
      clusterName: context.clusterName,
      nodeGroupName: id,
      nodeRoleArn: context.nodeRoleArn,
      subnetIds: context.subnetIds,
      instanceTypes: [spec.machineType],
      amiType: eksAmiType(context.image, spec.machineType, spec.gpu),
      capacityType: spec.spot ? 'SPOT' : 'ON_DEMAND',
      launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.toString() },
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
