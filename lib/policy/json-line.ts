/**
 * The line of a JSON path in JSON written with sorted keys and two-space indentation
 * (`stableJson`), computed from the value itself: no text is searched or re-parsed.
 * Used to give Terraform findings a line in the SARIF report.
 */

/** Lines a value takes when written: scalars and empty containers one, others their children plus two. */
function size(value: unknown): number {
  if (Array.isArray(value)) return value.length === 0 ? 1 : 2 + value.reduce((n: number, v) => n + size(v), 0);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter(k => (value as any)[k] !== undefined);
    return keys.length === 0 ? 1 : 2 + keys.reduce((n, k) => n + size((value as any)[k]), 0);
  }
  return 1;
}

/** Splits `a.b[0]['c.d']` into keys and indices. */
export function pathSegments(jsonPath: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\['([^']*)'\]|\[(\d+)\]|([^.[\]]+)/g;
  for (let m = re.exec(jsonPath); m; m = re.exec(jsonPath)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3]));
  return out;
}

/**
 * 1-based line where `jsonPath` starts in `stableJson(root)`. When the path ends in a
 * missing field (a finding about something absent), the line of its deepest present
 * parent is returned.
 */
export function jsonLine(root: unknown, jsonPath: string): number {
  let line = 1;
  let value: any = root;
  for (const segment of pathSegments(jsonPath)) {
    if (Array.isArray(value) && typeof segment === 'number' && segment < value.length) {
      line += 1 + value.slice(0, segment).reduce((n: number, v: unknown) => n + size(v), 0);
      value = value[segment];
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && value[segment] !== undefined) {
      const before = Object.keys(value).filter(k => value[k] !== undefined).sort().filter(k => k < String(segment));
      line += 1 + before.reduce((n, k) => n + size(value[k]), 0);
      value = value[segment];
    } else {
      break;
    }
  }
  return line;
}
