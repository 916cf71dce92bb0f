import * as path from 'path';
import { EksCluster, Fleet, FleetErrors, Workload } from '../../lib';
import { ERROR_CODES } from '../../lib/core/error-codes';
import { FleetValidationError } from '../../lib/core/errors';
import { tempDir } from '../support/synth';

function caught(build: () => unknown): any {
  try {
    build();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('FleetErrors', () => {
  test('a construction error is branded, carries its code and construct path, and its message ends with the code', () => {
    const err = caught(() => new EksCluster(new Fleet(), 'prod-us', { region: 'us-east-1', clusterName: 'no spaces allowed' }));
    expect(FleetErrors.isFleetError(err)).toBe(true);
    expect(FleetErrors.codeOf(err)).toBe('CKF-E-PROPS');
    expect(FleetErrors.codeOf(err)).toBe(FleetErrors.PROPS);
    expect(FleetErrors.constructPathOf(err)).toBe('fleet/prod-us');
    expect(err.message).toMatch(/^eksCluster 'fleet\/prod-us': clusterName 'no spaces allowed' is not a valid EKS cluster name.* \[CKF-E-PROPS\]$/);
    expect(err.name).toBe('FleetValidationError');
  });

  test('errors of other kinds carry their own codes', () => {
    const fleet = new Fleet();
    new EksCluster(fleet, 'prod', { region: 'us-east-1' });
    expect(FleetErrors.codeOf(caught(() => new EksCluster(fleet, 'prod', { region: 'us-east-1' })))).toBe(FleetErrors.DUPLICATE);

    const outdir = path.join(tempDir(), 'cdk.out');
    const other = new Fleet({ outdir });
    const eks = new EksCluster(other, 'prod', { region: 'us-east-1' });
    eks.addNodePool('general');
    new Workload(other, 'web', { image: 'ghcr.io/acme/web:1.0.0', clusterSelector: { tier: 'gold' }, resources: { cpu: '100m', memory: '64Mi' } });
    const err = caught(() => other.synth());
    expect(FleetErrors.codeOf(err)).toBe(FleetErrors.REFERENCE);
    expect(FleetErrors.constructPathOf(err)).toBe('fleet/web');
  });

  test('the brand works across copies of the library; plain errors and values are not fleet errors', () => {
    const foreign = Object.assign(new Error('from another copy [CKF-E-QUOTA]'), { code: 'CKF-E-QUOTA', constructPath: 'fleet/x', [Symbol.for('cdk-fleet.error')]: true });
    expect(FleetErrors.isFleetError(foreign)).toBe(true);
    expect(FleetErrors.codeOf(foreign)).toBe('CKF-E-QUOTA');
    expect(FleetErrors.constructPathOf(foreign)).toBe('fleet/x');
    const plain = Object.assign(new Error('boom'), { name: 'FleetValidationError', code: 'CKF-E-PROPS' });
    expect(FleetErrors.isFleetError(plain)).toBe(false);
    expect(FleetErrors.codeOf(plain)).toBeUndefined();
    expect(FleetErrors.constructPathOf(plain)).toBeUndefined();
    for (const value of [undefined, null, 'text', 42, {}]) expect(FleetErrors.isFleetError(value)).toBe(false);
  });

  test('codeOf reads the code from a message alone (how errors reach Python, Java, Go, .NET)', () => {
    expect(FleetErrors.codeOf("workload 'fleet/web': clusterSelector {tier=gold} matches no cluster [CKF-E-REFERENCE]")).toBe('CKF-E-REFERENCE');
    expect(FleetErrors.codeOf('RuntimeError: x [CKF-E-POLICY-CONFIG]\n')).toBe('CKF-E-POLICY-CONFIG');
    expect(FleetErrors.codeOf("workload 'fleet/web': bad [CKF-E-PLACEMENT]\n    at Workload.check (lib/workloads/x.js:1:1)")).toBe('CKF-E-PLACEMENT');
    expect(FleetErrors.codeOf("policy pack 'acme': evaluate() threw 'x [CKF-E-PROPS]'; fix the pack [CKF-E-POLICY-CONFIG]")).toBe('CKF-E-POLICY-CONFIG');
    expect(FleetErrors.codeOf('no code here')).toBeUndefined();
    expect(FleetErrors.codeOf(new Error('[CKF-E-OUTPUT] not at the end'))).toBeUndefined();
  });

  test('an error without a construct has no construct path; the default code is CKF-E-PROPS', () => {
    const err = new FleetValidationError('fleet \'x\': bad');
    expect(FleetErrors.constructPathOf(err)).toBeUndefined();
    expect(FleetErrors.codeOf(err)).toBe('CKF-E-PROPS');
    expect(err.detail).toBe('fleet \'x\': bad');
  });

  test('every documented code is a FleetErrors constant and listed by codes()', () => {
    const constants = Object.entries(FleetErrors).filter(([k]) => /^[A-Z_]+$/.test(k)).map(([, v]) => v).sort();
    expect(constants).toEqual(FleetErrors.codes());
    expect(FleetErrors.codes()).toEqual(ERROR_CODES.map(e => e.code).sort());
  });
});
