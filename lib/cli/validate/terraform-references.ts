import { Finding } from './finding';

/** Top-level blocks whose strings hold expressions that must resolve. */
const CHECKED_BLOCKS = ['resource', 'data', 'output', 'locals', 'module', 'provider'];

/**
 * A reference inside `${...}`: `var.x`, `local.x`, `module.x`, `data.<type>.<name>`
 * or `<type>.<name>` (resource types always contain `_`). Not preceded by `.`, `]`
 * or a word character, so attribute paths (`a.b[0].c`) yield one reference.
 */
const REFERENCE = /(?<![\w.\]])(data\.[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+|var\.[A-Za-z0-9_-]+|local\.[A-Za-z0-9_-]+|module\.[A-Za-z0-9_-]+|[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z0-9_-]+)/g;

/**
 * Every `${...}` reference and every `depends_on` entry of a Terraform JSON stack
 * points to a resource, data source, variable, local or module declared in it.
 */
export function checkTerraformReferences(file: string, stack: any): Finding[] {
  const declared = declaredNames(stack);
  const findings: Finding[] = [];
  const report = (jsonPath: string, ref: string, where: string) => findings.push({
    check: 'terraform-references',
    file,
    jsonPath,
    message: `${where} refers to '${ref}', which is not declared in this stack`,
  });
  const visit = (value: unknown, jsonPath: string): void => {
    if (typeof value === 'string') {
      for (const expression of expressionsIn(value)) {
        for (const ref of expression.match(REFERENCE) ?? []) {
          if (!declared.has(ref)) report(jsonPath, ref, 'an expression');
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${jsonPath}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === '//') continue;
        if (key === 'depends_on' && Array.isArray(v)) {
          v.forEach((dep, i) => {
            const ref = String(dep).replace(/^\$\{(.*)\}$/, '$1');
            if (!declared.has(ref)) report(`${jsonPath}.depends_on[${i}]`, ref, 'depends_on');
          });
          continue;
        }
        visit(v, `${jsonPath}.${key}`);
      }
    }
  };
  for (const block of CHECKED_BLOCKS) if (stack[block]) visit(stack[block], block);
  return findings;
}

/** Names a stack declares, in the form references use. */
function declaredNames(stack: any): Set<string> {
  const names = new Set<string>();
  for (const [type, byName] of Object.entries<Record<string, unknown>>(stack.resource ?? {})) {
    for (const name of Object.keys(byName)) names.add(`${type}.${name}`);
  }
  for (const [type, byName] of Object.entries<Record<string, unknown>>(stack.data ?? {})) {
    for (const name of Object.keys(byName)) names.add(`data.${type}.${name}`);
  }
  for (const name of Object.keys(stack.variable ?? {})) names.add(`var.${name}`);
  for (const name of Object.keys(stack.locals ?? {})) names.add(`local.${name}`);
  for (const name of Object.keys(stack.module ?? {})) names.add(`module.${name}`);
  return names;
}

/** The bodies of the `${...}` interpolations in a string, with quoted literals blanked out. */
function expressionsIn(text: string): string[] {
  const found: string[] = [];
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', start + 2)) {
    if (start > 0 && text[start - 1] === '$') continue; // $${ is an escaped literal
    let depth = 0;
    let end = start + 2;
    for (; end < text.length; end++) {
      const ch = text[end];
      if (ch === '{') {depth++;} else if (ch === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    found.push(text.slice(start + 2, end).replace(/"(?:[^"\\]|\\.)*"/g, '""'));
  }
  return found;
}
