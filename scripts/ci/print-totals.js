// Prints the plain closing line for CI from the totals the jest reporter collected.
const { existsSync, readFileSync } = require('node:fs');

const file = process.argv[2];
const runs =
  file && existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(JSON.parse) : [];
const total = (key) => runs.reduce((sum, run) => sum + run[key], 0);
console.log(`jest runs: ${runs.length}, failed suites: ${total('failedSuites')}`);
console.log(`tests: ${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`);
