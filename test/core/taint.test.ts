import { TaintEffect } from '../../lib';
import { upperSnakeEffect } from '../../lib/core/taint';

test.each([
  [TaintEffect.NO_SCHEDULE, 'NO_SCHEDULE'],
  [TaintEffect.PREFER_NO_SCHEDULE, 'PREFER_NO_SCHEDULE'],
  [TaintEffect.NO_EXECUTE, 'NO_EXECUTE'],
])('%s is spelled %s on EKS and GKE', (effect, spelled) => {
  expect(upperSnakeEffect(effect)).toBe(spelled);
});
