import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { REPO } from './cli';
import { tempDir } from './synth';

/**
 * Transpiles `entry` (a .ts file of this repository) and every module it imports by a
 * relative path into a temp directory with the same layout, and returns the entry's .js
 * path: a child process then starts in plain node in tens of milliseconds instead of
 * seconds with ts-node. Package imports resolve through NODE_PATH=<repo>/node_modules.
 * Transpiled files are cached by the hash of their source in
 * `<tmpdir>/cdk-fleet-transpile-cache`, so only changed files cost time on the next run.
 */
export function transpileForChild(entry: string): string {
  const out = tempDir('cdk-fleet-child-');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    const js = transpileCached(source, file);
    const dest = path.join(out, path.relative(REPO, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, js);
    for (const m of source.matchAll(/(?:from |require\()'(\.{1,2}\/[^']+)'/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
      if (target) visit(target);
    }
  };
  visit(entry);
  return path.join(out, path.relative(REPO, entry)).replace(/\.ts$/, '.js');
}

/** Environment for a transpiled child: packages resolve from this repository's node_modules. */
export const CHILD_ENV = { NODE_PATH: path.join(REPO, 'node_modules') };

const CACHE = path.join(os.tmpdir(), 'cdk-fleet-transpile-cache');

function transpileCached(source: string, file: string): string {
  const key = createHash('sha256').update(`${ts.version}\0${source}`).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  if (fs.existsSync(cached)) return fs.readFileSync(cached, 'utf8');
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true };
  const js = ts.transpileModule(source, { compilerOptions, fileName: file }).outputText;
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(`${cached}.${process.pid}`, js);
  fs.renameSync(`${cached}.${process.pid}`, cached);
  return js;
}
