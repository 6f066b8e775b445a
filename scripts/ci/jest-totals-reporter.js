// Appends each jest run's totals to $JEST_TOTALS_FILE (one JSON line per run), so that .ci/run
// can print one closing line for all the workspaces turbo ran. A no-op when the variable is unset.
const { appendFileSync } = require('node:fs');

module.exports = class JestTotalsReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.JEST_TOTALS_FILE;
    if (!file) return;
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    appendFileSync(file, `${JSON.stringify({ passed, failed, skipped: skipped + todo, failedSuites })}\n`);
  }
};
