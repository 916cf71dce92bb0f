// Jest reporter: writes the plain closing line CI reads to test-reports/summary.txt and
// prints it after jest's own summary. The counts are jest's "Tests:" counts exactly
// ("N passed, N failed", then ", N skipped" when tests were skipped); a test file that
// failed to run at all (no test counted) is said on a line of its own before it.
const fs = require('fs');
const path = require('path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    const lines = [];
    if (results.numRuntimeErrorTestSuites > 0) {
      lines.push(`error: ${results.numRuntimeErrorTestSuites} test file(s) failed to run; their tests are not counted (see above)`);
    }
    lines.push(line);
    const dir = path.join(this.rootDir, 'test-reports');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'summary.txt'), lines.join('\n') + '\n');
    process.stderr.write(lines.join('\n') + '\n');
  }
}

module.exports = SummaryReporter;
