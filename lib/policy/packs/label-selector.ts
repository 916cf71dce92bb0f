/**
 * Kubernetes label selectors (`matchLabels` and `matchExpressions`), for deciding
 * which pods a NetworkPolicy or PodDisruptionBudget selects.
 */

/** True when `selector` selects an object with `labels`; an empty selector selects everything. */
export function selects(selector: unknown, labels: Record<string, unknown>): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const { matchLabels, matchExpressions } = selector as { matchLabels?: Record<string, unknown>; matchExpressions?: unknown[] };
  for (const [key, value] of Object.entries(matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const e of Array.isArray(matchExpressions) ? matchExpressions : []) {
    const { key, operator, values } = (e ?? {}) as { key?: string; operator?: string; values?: unknown[] };
    if (typeof key !== 'string') return false;
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const inValues = Array.isArray(values) && values.includes(labels[key]);
    if (operator === 'In' && !(has && inValues)) return false;
    if (operator === 'NotIn' && has && inValues) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator ?? '')) return false;
  }
  return true;
}
