// jest globalTeardown: removes this run's build tree.
const fs = require('fs');

module.exports = async () => {
  const out = process.env.CDK_FLEET_TEST_BUILD;
  if (out) fs.rmSync(out, { recursive: true, force: true });
};
