import { cidrContains, cidrProblem, cidrsOverlap, findOverlap, splitVpc, subnetOf } from '../../lib/core/cidr';

describe('cidr', () => {
  test.each([
    ['10.0.0.0/16', undefined],
    ['10.0.0.0/33', /greater than \/32/],
    ['10.0.0.1/16', /host bits are set \(the network address is 10\.0\.0\.0\/16\)/],
    ['10.0.0/16', /not of the form/],
    ['256.0.0.0/8', /greater than 255/],
    ['banana', /not of the form/],
  ])('cidrProblem(%s)', (cidr, expected) => {
    const problem = cidrProblem(cidr);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  test('overlap and containment', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.128.0/17')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(cidrsOverlap('0.0.0.0/0', '192.168.1.0/24')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.0.3.0/24')).toBe(true);
    expect(cidrContains('10.0.3.0/24', '10.0.0.0/16')).toBe(false);
    expect(findOverlap(['10.0.0.0/24', '10.0.1.0/24', '10.0.0.128/25'])).toEqual(['10.0.0.0/24', '10.0.0.128/25']);
    expect(findOverlap(['10.0.0.0/24', '10.0.1.0/24'])).toBeUndefined();
  });

  test('subnetOf behaves like terraform cidrsubnet', () => {
    expect(subnetOf('10.0.0.0/16', 4, 0)).toBe('10.0.0.0/20');
    expect(subnetOf('10.0.0.0/16', 4, 15)).toBe('10.0.240.0/20');
    expect(subnetOf('172.16.0.0/12', 4, 2)).toBe('172.18.0.0/16');
    expect(() => subnetOf('10.0.0.0/16', 4, 16)).toThrow(/only 16/);
  });

  test('splitVpc gives disjoint subnets inside the VPC', () => {
    for (const zones of [1, 2, 3, 4, 6]) {
      const { privateSubnets, publicSubnets } = splitVpc('10.0.0.0/16', zones);
      const all = [...privateSubnets, ...publicSubnets];
      expect(all).toHaveLength(zones * 2);
      expect(findOverlap(all)).toBeUndefined();
      all.forEach(c => expect(cidrContains('10.0.0.0/16', c)).toBe(true));
    }
    expect(splitVpc('10.0.0.0/16', 3)).toEqual({
      privateSubnets: ['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19'],
      publicSubnets: ['10.0.224.0/21', '10.0.232.0/21', '10.0.240.0/21'],
    });
  });
});
