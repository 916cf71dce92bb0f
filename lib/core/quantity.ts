/**
 * Kubernetes resource quantities: CPU (`500m`, `2`) and memory (`512Mi`, `2Gi`).
 * Parsed to numbers so requests and limits can be compared at construction.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };

/** CPU cores of a CPU quantity, or undefined when it is not one (`500m` → 0.5). */
export function parseCpu(quantity: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity);
  if (!m) return undefined;
  return Number(m[1]) / (m[2] === 'm' ? 1000 : 1);
}

/** Bytes of a memory quantity, or undefined when it is not one (`512Mi` → 536870912; `500mi` is invalid). */
export function parseMemory(quantity: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(quantity);
  if (!m) return undefined;
  const unit = m[2] ?? '';
  return Number(m[1]) * (BINARY[unit] ?? DECIMAL[unit]);
}
