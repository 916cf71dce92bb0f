import * as fs from 'fs';
import * as path from 'path';
import { ESLint, loadESLint } from 'eslint';

const REPO = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Module specifiers imported or required by a TypeScript source. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const re = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
  for (let m = re.exec(source); m; m = re.exec(source)) found.push(m[1]);
  return found;
}

describe('deep imports only from the provider packages', () => {
  test('lib/ imports providers as @cdktf/provider-<name>/lib/<resource>, never a package root', () => {
    const providerImports = sourceFiles(path.join(REPO, 'lib'))
      .flatMap(file => importsOf(fs.readFileSync(file, 'utf8')).map(spec => ({ file: path.relative(REPO, file), spec })))
      .filter(i => i.spec.startsWith('@cdktf/provider-'));
    expect(providerImports.length).toBeGreaterThan(10);
    const roots = providerImports.filter(i => !/^@cdktf\/provider-[a-z0-9-]+\/lib\/[a-z0-9-]+$/.test(i.spec));
    expect(roots).toEqual([]);
  });

  test('the published type declarations do not name a provider root either', () => {
    // Public types are written in lib/; a root import in a type position would show up here too.
    const typeRefs = sourceFiles(path.join(REPO, 'lib'))
      .flatMap(file => [...fs.readFileSync(file, 'utf8').matchAll(/import\(['"](@cdktf\/provider-[^'"]+)['"]\)/g)].map(m => m[1]));
    expect(typeRefs.filter(spec => !/\/lib\/[a-z0-9-]+$/.test(spec))).toEqual([]);
  });

  describe('the lint rule', () => {
    // The rule exactly as the project's .eslintrc.json configures it, without the
    // type-aware parser settings (which would build a whole TypeScript program).
    let eslint: ESLint;
    beforeAll(async () => {
      const projectConfig = JSON.parse(fs.readFileSync(path.join(REPO, '.eslintrc.json'), 'utf8').replace(/^\/\/.*$/gm, ''));
      const LegacyESLint = await loadESLint({ useFlatConfig: false });
      eslint = new LegacyESLint({
        cwd: REPO,
        useEslintrc: false,
        overrideConfig: {
          parser: '@typescript-eslint/parser',
          parserOptions: { ecmaVersion: 2020, sourceType: 'module' },
          rules: { 'no-restricted-imports': projectConfig.rules['no-restricted-imports'] },
        },
      } as any) as ESLint;
    });
    const lint = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(REPO, 'lib', 'index.ts') });
      return result.messages.filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message);
    };

    test.each([
      "import { provider } from '@cdktf/provider-aws';",
      "import * as google from '@cdktf/provider-google';",
      "import { eksCluster } from '@cdktf/provider-aws/lib';",
      "export * from '@cdktf/provider-azurerm/lib/';",
    ])('rejects %s', async code => {
      expect(await lint(code + '\n')).toEqual([expect.stringMatching(/never a provider package root/)]);
    });

    test('accepts a deep import', async () => {
      expect(await lint("import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';\nexport { EksCluster };\n")).toEqual([]);
    });
  });
});
