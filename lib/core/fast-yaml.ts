/**
 * A small, fast YAML emitter for plain data (objects, arrays, strings, numbers,
 * booleans), used for the per-site files of edge fleets where a general emitter costs
 * too much at thousands of sites. Strings are written as JSON strings, which are valid
 * YAML double-quoted scalars; keys are written plain when safe. Key order is kept.
 */
export function fastYaml(value: unknown): string {
  return `${emit(value, '').replace(/^\n/, '')}\n`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.\/-]*$/;

function emit(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map(item => {
      const inner = emit(item, `${indent}  `);
      return `\n${indent}-${isBlock(item) ? inner.replace(/^\n\s*/, ' ') : inner}`;
    }).join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return ' {}';
    return entries.map(([k, v]) => `\n${indent}${PLAIN_KEY.test(k) ? k : JSON.stringify(k)}:${emit(v, `${indent}  `)}`).join('');
  }
  if (typeof value === 'string') return ` ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return ` ${String(value)}`;
  return ' null';
}

function isBlock(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value as object).length > 0;
}
