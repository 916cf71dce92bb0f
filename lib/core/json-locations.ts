/** Where a top-level array element of a JSON document starts, and where each of its keys is. */
export interface JsonElementLocation {
  /** Offset of the element's first character. */
  readonly offset: number;
  /** Offsets of the element's own keys (when it is an object), by key. */
  readonly keys: Map<string, number>;
}

/**
 * Locates the elements of a top-level JSON array and their keys, for messages that
 * point at a line and column. `text` must be valid JSON (parse it first).
 */
export function locateArrayElements(text: string): JsonElementLocation[] {
  const elements: JsonElementLocation[] = [];
  let depth = 0;
  let current: { offset: number; keys: Map<string, number> } | undefined;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (' \t\r\n'.includes(ch)) continue;
    if (depth === 1 && expectElement && ch !== ']') {
      current = { offset: i, keys: new Map() };
      elements.push(current);
      expectElement = false;
    }
    if (ch === '"') {
      const start = i;
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      let k = j + 1;
      while (k < text.length && ' \t\r\n'.includes(text[k])) k++;
      if (depth === 2 && current && text[k] === ':') current.keys.set(JSON.parse(text.slice(start, j + 1)), start);
      i = j;
    } else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1 && ch === '[') expectElement = true;
    } else if (ch === ']' || ch === '}') {
      depth--;
    } else if (ch === ',' && depth === 1) {
      expectElement = true;
    }
  }
  return elements;
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
