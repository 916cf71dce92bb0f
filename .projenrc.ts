import { JsonFile, cdk, javascript } from 'projen';

/** Version ranges of the construct and provider libraries we build on. */
const PEERS = {
  'constructs': '^10.4.2',
  'cdktf': '^0.21.0',
  '@cdktf/provider-aws': '^21.0.0',
  '@cdktf/provider-google': '^16.0.0',
  '@cdktf/provider-azurerm': '^14.0.0',
  '@cdktf/provider-helm': '^12.0.0',
  'cdk8s': '^2.70.0',
  'cdk8s-plus-30': '^2.4.0',
};

/** What we develop and test against (newest releases inside the peer ranges). */
const DEV_PINS = {
  'constructs': '10.4.2',
  'cdktf': '0.21.0',
  '@cdktf/provider-aws': '21.22.1',
  '@cdktf/provider-google': '16.12.1',
  '@cdktf/provider-azurerm': '14.23.1',
  '@cdktf/provider-helm': '12.1.2',
  'cdk8s': '2.70.106',
  'cdk8s-plus-30': '2.4.10',
};

/** Package names the examples import (the platform example), mapped to this repository's sources. */
const PACKAGE_PATHS: Record<string, string> = {
  'cdk-fleet': 'lib/index.ts',
  '@acme/fleet-platform': 'examples/platform-package/lib/index.ts',
};
const PACKAGE_PATHS_JEST = Object.fromEntries(Object.entries(PACKAGE_PATHS).map(([name, file]) => [`^${name.replace('/', '\\/')}$`, `<rootDir>/${file}`]));

const project = new cdk.JsiiProject({
  name: 'cdk-fleet',
  description: 'Typed constructs for a whole Kubernetes estate (EKS, GKE, AKS, GPU pools, edge sites) synthesized to Terraform JSON and Kubernetes YAML',
  author: 'cdk-fleet developers',
  authorAddress: 'cdk-fleet@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-fleet/cdk-fleet.git',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  jsiiVersion: '~5.9.0',
  srcdir: 'lib',
  libdir: 'dist',
  testdir: 'test',
  entrypoint: 'dist/index.js',
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  stability: 'experimental',
  keywords: ['cdktf', 'cdk8s', 'kubernetes', 'eks', 'gke', 'aks', 'gpu', 'terraform', 'opentofu'],
  peerDeps: Object.entries(PEERS).map(([name, range]) => `${name}@${range}`),
  peerDependencyOptions: { pinnedDevDependency: false },
  // Non-jsii runtime dependencies travel inside the package (bundledDependencies).
  bundledDeps: ['yaml@^2.8.0', 'kubernetes-models@~4.5.1'],
  devDeps: [
    ...Object.entries(DEV_PINS).map(([name, version]) => `${name}@${version}`),
    'ts-node',
    // ships the SARIF 2.1.0 JSON schema and a jest matcher validating against it (offline)
    '@microsoft/jest-sarif@1.0.0-beta.0',
    '@types/node@^20',
  ],
  bin: { 'cdk-fleet': 'bin/cdk-fleet' },
  // jsii targets: the same constructs for Python, Java, Go and .NET users
  publishToPypi: { distName: 'cdk-fleet', module: 'cdk_fleet' },
  publishToMaven: { javaPackage: 'io.github.cdkfleet', mavenGroupId: 'io.github.cdk-fleet', mavenArtifactId: 'cdk-fleet' },
  publishToGo: { moduleName: 'github.com/cdk-fleet/cdk-fleet-go' },
  publishToNuget: { dotNetNamespace: 'CdkFleet', packageId: 'CdkFleet' },
  // '/node_modules' also ignores a node_modules symlink (a git worktree sharing another's install)
  gitignore: ['/node_modules', '/examples/*/node_modules', '/examples/platform-package/lib/*.js', '/examples/platform-package/lib/*.d.ts', '/examples/platform-package/.jsii', '/examples/platform-package/tsconfig.json', '/examples/platform-package/dist', 'cdk.out', 'cdk.out.*', '.bench-build', '.test-build', '/tmp-*'],
  npmIgnoreOptions: { ignorePatterns: ['cdk.out', '.bench-build', '.test-build', 'bench', 'examples', '.ci', 'scripts'] },
  jestOptions: {
    // the test task never writes snapshots (`npm run test:update` does), and fails when it finds no test
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      // programs the tests spawn (the CLI end to end, example apps) run from one
      // transpile-only build of the repository per run instead of ts-node per spawn
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
      modulePathIgnorePatterns: ['<rootDir>/.test-build/'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.test-build/'],
      watchPathIgnorePatterns: ['/node_modules/', '<rootDir>/.test-build/'],
      // both cores: the default (cores - 1) runs the suites one at a time on a 2-core machine
      maxWorkers: 2,
      // coverage is measured by `npm run test:coverage`, not on every run
      collectCoverage: false,
      // the example platform package and its consumer import packages by name, as a
      // platform team's code does; in the tests those names are this repository's sources
      moduleNameMapper: PACKAGE_PATHS_JEST,
      // sources before JavaScript: a jsii build of the platform example leaves x.js beside x.ts
      moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'json', 'node'],
    },
  },
});

// Examples and benchmarks compile against the sources in lib/ (not the jsii build).
new JsonFile(project, 'tsconfig.examples.json', {
  obj: {
    extends: './tsconfig.json',
    compilerOptions: {
      rootDir: '.',
      outDir: '.bench-build',
      noEmit: false,
      declaration: false,
      inlineSourceMap: false,
      inlineSources: false,
      paths: Object.fromEntries(Object.entries(PACKAGE_PATHS).map(([name, file]) => [name, [`./${file}`]])),
    },
    include: ['lib/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts'],
  },
});

project.tryFindObjectFile('test/tsconfig.json')?.addOverride('compilerOptions.paths',
  Object.fromEntries(Object.entries(PACKAGE_PATHS).map(([name, file]) => [name, [`../${file}`]])));

// unrs-resolver 1.13 (jest 30, eslint-import-resolver-typescript 4) lists platform
// bindings the registry does not serve, which leaves package-lock.json without them and
// makes `npm ci` fail on a new machine; 1.12.2 has every binding published.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// CI reads one plain closing line ("N passed, N failed") written by this reporter.
project.jest?.addReporter(['<rootDir>/test/support/summary-reporter.js', {}] as any);

// Deep imports only: a provider package root loads every resource class (~9 s, ~1.4 GB).
project.eslint?.addRules({
  'no-restricted-imports': ['error', {
    patterns: [{
      // allowed: @cdktf/provider-<name>/lib/<resource>; anything shorter loads every resource
      regex: '^@cdktf/provider-[a-z0-9-]+(/lib)?/?$',
      message: 'Import one resource deeply (e.g. @cdktf/provider-aws/lib/eks-cluster), never a provider package root.',
    }],
  }],
});

const typecheck = project.addTask('typecheck', {
  description: 'Type-check sources, tests, examples and benchmarks',
  exec: 'tsc --noEmit -p tsconfig.examples.json && tsc --noEmit -p test/tsconfig.json',
});
// `npm test`: type-check, lint, then jest last, so that the run closes with jest's own
// counts (the summary reporter's "N passed, N failed[, N skipped]" line).
project.testTask.reset();
project.testTask.spawn(typecheck);
project.testTask.spawn(project.tasks.tryFind('eslint')!);
project.testTask.exec('jest --ci', { receiveArgs: true });
project.addTask('test:coverage', {
  description: 'Run jest with coverage (coverage/)',
  exec: 'jest --ci --coverage',
  receiveArgs: true,
});

const CLI = 'ts-node --transpile-only -P tsconfig.examples.json lib/cli/main.ts';
const example = (dir: string) => `${CLI} synth --app "ts-node --transpile-only -P tsconfig.examples.json examples/${dir}/main.ts" --out cdk.out`;
project.addTask('example', {
  description: 'Synthesize the bundled multi-cloud GPU example into cdk.out/',
  exec: example('multi-cloud-gpu'),
});
project.addTask('example:eks', {
  description: 'Synthesize the EKS-only GPU example into cdk.out/',
  exec: example('eks-gpu'),
});
project.addTask('example:edge', {
  description: 'Synthesize the 1,000-store edge example into cdk.out/ (one bundle per store in cdk.out/edge/)',
  exec: example('edge-retail'),
});
project.addTask('example:platform', {
  description: 'Build the example platform package with jsii and synthesize the stack that consumes it into cdk.out/',
  exec: 'bash scripts/build-platform-example.sh cdk.out',
});
project.addTask('bench', {
  description: 'Cold-synth benchmark: deep imports vs provider-root imports, side by side',
  steps: [
    { exec: 'tsc -p tsconfig.examples.json' },
    { exec: 'node .bench-build/bench/run.js' },
    { exec: 'node .bench-build/bench/edge-run.js' },
  ],
});

// Each language package is built by jsii-pacmak where its toolchain and registry are at
// hand; elsewhere (no PyPI, Maven Central, go or dotnet) the binding's sources (and a
// Python sdist) are generated instead, with the reason printed (scripts/package-binding.sh).
for (const target of ['python', 'java', 'go', 'dotnet']) {
  const task = project.tasks.tryFind(`package:${target}`);
  if (!task) throw new Error(`projen has no package:${target} task to override`);
  task.reset(`bash scripts/package-binding.sh ${target}`);
}

project.synth();
