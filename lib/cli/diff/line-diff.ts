/**
 * A unified diff of two texts (`---`/`+++` headers, `@@` hunks with `context` lines
 * around each change). Common leading and trailing lines are trimmed before the
 * longest-common-subsequence table, so large files with small changes stay cheap.
 */
export function unifiedDiff(before: string, after: string, label: string, context = 3): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const ops = lcsOps(a.slice(start, endA), b.slice(start, endB));
  const lines: Array<{ op: ' ' | '-' | '+'; text: string; ai: number; bi: number }> = [];
  for (let i = 0; i < start; i++) lines.push({ op: ' ', text: a[i], ai: i, bi: i });
  let ai = start;
  let bi = start;
  for (const op of ops) {
    if (op === ' ') lines.push({ op, text: a[ai], ai: ai++, bi: bi++ });
    else if (op === '-') lines.push({ op, text: a[ai], ai: ai++, bi });
    else lines.push({ op, text: b[bi], ai, bi: bi++ });
  }
  for (; ai < a.length; ai++, bi++) lines.push({ op: ' ', text: a[ai], ai, bi });
  const out = [`--- base/${label}`, `+++ current/${label}`];
  const changed = lines.map((l, i) => (l.op !== ' ' ? i : -1)).filter(i => i >= 0);
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i] - context);
    let j = i;
    while (j + 1 < changed.length && changed[j + 1] - changed[j] <= 2 * context) j++;
    const to = Math.min(lines.length - 1, changed[j] + context);
    const hunk = lines.slice(from, to + 1);
    const aCount = hunk.filter(l => l.op !== '+').length;
    const bCount = hunk.filter(l => l.op !== '-').length;
    out.push(`@@ -${hunk[0].ai + 1},${aCount} +${hunk[0].bi + 1},${bCount} @@`);
    for (const l of hunk) out.push(`${l.op}${l.text}`);
    i = j + 1;
  }
  return out;
}

function lcsOps(a: string[], b: string[]): Array<' ' | '-' | '+'> {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = a[i] === b[j]
        ? table[(i + 1) * (m + 1) + j + 1] + 1
        : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
    }
  }
  const ops: Array<' ' | '-' | '+'> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { ops.push(' '); i++; j++; } else if (table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) { ops.push('-'); i++; } else { ops.push('+'); j++; }
  }
  while (i++ < n) ops.push('-');
  while (j++ < m) ops.push('+');
  return ops;
}
