// Compiles the repository's TypeScript (lib/, examples/, test/fixtures/) once per test run,
// transpile-only (the `typecheck` task type-checks), into a tree laid out like the
// repository: <build>/lib, <build>/examples, <build>/test/fixtures, <build>/bin,
// <build>/package.json. Programs the tests spawn (the CLI, example apps) run from it with
// plain node instead of compiling themselves through ts-node at every spawn.
// Used by jest's globalSetup/globalTeardown; the path travels to test workers in
// CDK_FLEET_TEST_BUILD.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const REPO = path.resolve(__dirname, '..', '..');
const SOURCES = ['lib', 'examples', path.join('test', 'fixtures')];
const BUILDS = path.join(REPO, '.test-build');
const STALE_MS = 6 * 60 * 60 * 1000;

function compilerOptions() {
  const config = ts.readConfigFile(path.join(REPO, 'tsconfig.examples.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO);
  return { ...parsed.options, inlineSourceMap: true, inlineSources: false, sourceMap: false, declaration: false, noEmit: false };
}

/**
 * Visits the files under `dir`, skipping node_modules and symbolic links (the platform
 * example links the repository into its node_modules) and the output of a jsii build
 * beside its sources (`x.js` / `x.d.ts` next to `x.ts`).
 */
function walk(dir, visit) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink() || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) walk(full, visit);
    else if (!isBuiltBesideSource(full)) visit(full);
  }
}

function isBuiltBesideSource(file) {
  const stem = file.endsWith('.d.ts') ? file.slice(0, -5) : file.endsWith('.js') ? file.slice(0, -3) : undefined;
  return stem !== undefined && fs.existsSync(`${stem}.ts`);
}

/** Removes build trees of earlier runs that were killed before their teardown. */
function removeStale(now) {
  if (!fs.existsSync(BUILDS)) return;
  for (const name of fs.readdirSync(BUILDS)) {
    const dir = path.join(BUILDS, name);
    if (now - fs.statSync(dir).mtimeMs > STALE_MS) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the tree and returns its path. */
function buildTree() {
  removeStale(Date.now());
  const out = path.join(BUILDS, `run-${process.pid}-${Date.now().toString(36)}`);
  const options = compilerOptions();
  let files = 0;
  for (const source of SOURCES) {
    walk(path.join(REPO, source), file => {
      const rel = path.relative(REPO, file);
      const target = path.join(out, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
        const result = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file });
        fs.writeFileSync(target.replace(/\.ts$/, '.js'), result.outputText);
        files++;
      } else {
        fs.copyFileSync(file, target);
      }
    });
  }
  fs.mkdirSync(path.join(out, 'bin'), { recursive: true });
  for (const name of fs.readdirSync(path.join(REPO, 'bin'))) fs.copyFileSync(path.join(REPO, 'bin', name), path.join(out, 'bin', name));
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(out, 'package.json'));
  return { out, files };
}

module.exports = { REPO, buildTree };
