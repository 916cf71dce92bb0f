// jest globalSetup: one transpile-only build of the repository for the whole run.
const { buildTree } = require('./compiled-tree');

module.exports = async () => {
  const started = Date.now();
  const { out, files } = buildTree();
  process.env.CDK_FLEET_TEST_BUILD = out;
  process.stderr.write(`\ncompiled ${files} TypeScript files once for spawned programs in ${Date.now() - started} ms\n`);
};
