import { GpuDriver } from '../../core/gpu/sharing';
import { GpuPoolSpec } from '../cluster';

/** Operating system family of EKS managed nodes. */
export enum EksNodeImage {
  /** Amazon Linux 2023 (the default). */
  AL2023 = 'AL2023',
  /** Bottlerocket, the container-optimized OS. */
  BOTTLEROCKET = 'BOTTLEROCKET',
}

/** Whether an EC2 instance type is Graviton (arm64), e.g. `m7g.large`, `c7gn.xlarge`, `g5g.xlarge`. */
export function isArmInstanceType(instanceType: string): boolean {
  const family = instanceType.split('.')[0];
  return /^[a-z]+\d+g[a-z]*$/.test(family) && !/^[a-z]+\d+$/.test(family);
}

/**
 * The managed node group `ami_type` for a machine type and image family. GPU
 * pools whose driver comes with the image use the NVIDIA variant.
 */
export function eksAmiType(image: EksNodeImage, machineType: string, gpu?: GpuPoolSpec): string {
  const arm = isArmInstanceType(machineType);
  const nvidia = gpu !== undefined && gpu.driver === GpuDriver.CLOUD_MANAGED;
  if (image === EksNodeImage.BOTTLEROCKET) {
    return `BOTTLEROCKET_${arm ? 'ARM_64' : 'x86_64'}${nvidia ? '_NVIDIA' : ''}`;
  }
  return `AL2023_${arm ? 'ARM_64' : 'x86_64'}_${nvidia ? 'NVIDIA' : 'STANDARD'}`;
}
