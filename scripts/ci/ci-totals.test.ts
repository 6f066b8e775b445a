import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// CI's closing line: each jest run appends its totals to $JEST_TOTALS_FILE (the reporter every
// workspace's jest config names), and print-totals.js sums them once turbo has run them all.

interface Reporter {
  onRunComplete(contexts: unknown, results: Record<string, number>): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, as jest.preset.js requires it
const JestTotalsReporter = require('./jest-totals-reporter.js') as new () => Reporter;

const results = (passed: number, failed: number) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: 1,
  numTodoTests: 1,
  numFailedTestSuites: failed > 0 ? 1 : 0,
  numRuntimeErrorTestSuites: 0,
});

let directory: string;
let file: string;
const previous = process.env.JEST_TOTALS_FILE;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ci-totals-'));
  file = join(directory, 'totals.jsonl');
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
  if (previous === undefined) delete process.env.JEST_TOTALS_FILE;
  else process.env.JEST_TOTALS_FILE = previous;
});

const printTotals = (argument: string | undefined) => {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const argv = process.argv;
  process.argv = ['node', 'print-totals.js', ...(argument === undefined ? [] : [argument])];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script that runs when loaded
    jest.isolateModules(() => require('./print-totals.js'));
  } finally {
    process.argv = argv;
    log.mockRestore();
  }
  return lines;
};

describe('the totals of every jest run, for CI', () => {
  it('appends one line per run, skipped and todo tests counted together', () => {
    process.env.JEST_TOTALS_FILE = file;
    const reporter = new JestTotalsReporter();

    reporter.onRunComplete(undefined, results(10, 0));
    reporter.onRunComplete(undefined, results(4, 2));

    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { passed: 10, failed: 0, skipped: 2, failedSuites: 0 },
      { passed: 4, failed: 2, skipped: 2, failedSuites: 1 },
    ]);
  });

  it('writes nothing when no totals file is asked for', () => {
    delete process.env.JEST_TOTALS_FILE;

    expect(() => new JestTotalsReporter().onRunComplete(undefined, results(1, 0))).not.toThrow();
  });

  it('prints the sum of every run', () => {
    writeFileSync(
      file,
      '{"passed":10,"failed":0,"skipped":2,"failedSuites":0}\n{"passed":4,"failed":2,"skipped":0,"failedSuites":1}\n',
    );

    expect(printTotals(file)).toEqual(['jest runs: 2, failed suites: 1', 'tests: 14 passed, 2 failed, 2 skipped']);
  });

  it('prints zeros when no run wrote its totals', () => {
    expect(printTotals(join(directory, 'missing.jsonl'))).toEqual([
      'jest runs: 0, failed suites: 0',
      'tests: 0 passed, 0 failed, 0 skipped',
    ]);
    expect(printTotals(undefined)[0]).toBe('jest runs: 0, failed suites: 0');
  });
});
