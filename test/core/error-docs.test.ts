import * as fs from 'fs';
import * as path from 'path';
import { ERROR_CODES } from '../../lib/core/error-codes';
import { WARNINGS } from '../../lib/core/warnings';

const DOC = path.join(__dirname, '..', '..', 'docs', 'errors.md');
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The generated tables of docs/errors.md (between the `generated` markers). */
function generated(): Map<string, string> {
  return new Map([
    ['error-codes', ['| code | raised when | what to do |', '|---|---|---|',
      ...ERROR_CODES.map(e => `| \`${e.code}\` | ${cell(e.when)} | ${cell(e.fix)} |`)].join('\n')],
    ['warning-ids', ['| id | raised when | acknowledgeable |', '|---|---|---|',
      ...WARNINGS.map(w => `| \`${w.id}\` | ${cell(w.when)} | ${w.acknowledgeable ? 'yes' : 'no'} |`)].join('\n')],
  ]);
}

function withTables(doc: string): string {
  let out = doc;
  for (const [name, table] of generated()) {
    const re = new RegExp(`(<!-- generated: ${name} -->\\n)[^]*?(\\n<!-- end: ${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/errors.md lacks the markers of '${name}'`);
    out = out.replace(re, (_m, open, close) => `${open}${table}${close}`);
  }
  return out;
}

describe('docs/errors.md', () => {
  test('lists every error code and warning id as the catalogs define them (UPDATE_DOCS=1 rewrites it)', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const expected = withTables(doc);
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(DOC, expected);
    expect(doc).toBe(expected);
  });

  test('codes and ids are unique and well-formed', () => {
    const codes = ERROR_CODES.map(e => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^CKF-E-[A-Z]+(-[A-Z]+)*$/);
    const ids = WARNINGS.map(w => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^ckf-w:[a-z]+(-[a-z]+)*$/);
  });
});
