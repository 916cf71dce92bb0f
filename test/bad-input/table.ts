import { EksCluster, Fleet, FleetProps, WorkloadResources } from '../../lib';

/** One bad-input case: what is wrong, how to build it, what the error must say. */
export type BadInput = [description: string, build: () => unknown, expected: RegExp];

/** One case that must warn: what matches nothing, how to build and synthesize it (returns the warnings), the warning. */
export type Unmatched = [description: string, warnings: () => string[], expected: RegExp];

/**
 * Runs `build` and returns what it threw. The error must be a FleetValidationError
 * (a definition error with a message, never a raw TypeError or stack trace).
 */
export function thrownBy(build: () => unknown): Error {
  try {
    build();
  } catch (e) {
    expect((e as Error).name).toBe('FleetValidationError');
    return e as Error;
  }
  throw new Error('expected the definition to be rejected, but it was accepted');
}

export const IMAGE = 'ghcr.io/acme/web:1.4.2';
export const RESOURCES: WorkloadResources = { cpu: '250m', memory: '256Mi' };

/** A fleet with one EKS cluster to place workloads on. */
export function withCluster(props: FleetProps = {}): { fleet: Fleet; cluster: EksCluster } {
  const fleet = new Fleet(props);
  const cluster = new EksCluster(fleet, 'aws', { region: 'us-east-1' });
  cluster.addNodePool('general');
  return { fleet, cluster };
}
