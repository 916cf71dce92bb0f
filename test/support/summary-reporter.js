// Jest reporter: writes the plain closing line CI reads ("N passed, N failed")
// to test-reports/summary.txt and prints it after jest's own summary.
const fs = require('fs');
const path = require('path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed`;
    const dir = path.join(this.rootDir, 'test-reports');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'summary.txt'), line + '\n');
    process.stderr.write(line + '\n');
  }
}

module.exports = SummaryReporter;
