import { planWaves } from '../../lib/fleet/synth/plan-order';

describe('planWaves', () => {
  test('dependencies first, independent stacks share a wave, names sorted', () => {
    const waves = planWaves(new Map([
      ['gke-addons', ['gke']],
      ['eks', []],
      ['gke', []],
      ['eks-addons', ['eks']],
      ['edge', ['eks-addons', 'gke-addons']],
    ]));
    expect(waves).toEqual([['eks', 'gke'], ['eks-addons', 'gke-addons'], ['edge']]);
  });

  test('a cycle is an error naming the stacks in it', () => {
    expect(() => planWaves(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', []]])))
      .toThrow('stack dependencies form a cycle among: a, b, c; remove one of the dependencies');
  });

  test('an unknown dependency is an error', () => {
    expect(() => planWaves(new Map([['a', ['ghost']]]))).toThrow("stack 'a' depends on 'ghost', which is not a stack of this fleet");
  });
});
