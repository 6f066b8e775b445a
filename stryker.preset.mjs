// Mutation testing (`npm run mutation`, not part of `npm test`): Stryker mutates a workspace's
// rules and runs that workspace's own jest suites against each mutant; a mutant no test notices
// is a behaviour no test pins. Each workspace's stryker.config.mjs calls this with its directory.
// Incremental: a rerun tests only mutants whose code or covering tests changed since the last
// report (reports/stryker-incremental.json, kept out of git). Survivors we accept: docs/mutation.md.
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** @returns {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export const strykerConfig = (workspace, { mutate = [], ...overrides } = {}) => {
  // The workspace's jest config, read here from where it lives: the sandbox Stryker runs in is a
  // copy one level deeper, where its `../../jest.preset.js` would not resolve.
  const {
    coverageThreshold: _gate,
    collectCoverageFrom: _covered,
    reporters: _reporters,
    ...jest
  } = createRequire(join(workspace, 'package.json'))('./jest.config.js');
  return {
    testRunner: 'jest',
    jest: { projectType: 'custom', config: jest, enableFindRelatedTests: true },
    // Left out of the sandbox, so that the jest runner takes the config above instead of it.
    ignorePatterns: ['/jest.config.js', '/reports', '/coverage'],
    checkers: ['typescript'],
    tsconfigFile: 'tsconfig.json',
    coverageAnalysis: 'perTest',
    // The rules, as the coverage gate counts them: no wiring, test builders, fakes or type-only ports.
    mutate: [
      'src/**/*.ts',
      'functions/**/*.ts',
      '!**/*.test.ts',
      '!**/testing.ts',
      '!**/testing/**',
      '!**/index.ts',
      '!**/handler.ts',
      '!**/ports.ts',
      '!**/in-memory-*.ts',
      ...mutate,
    ],
    // Constants evaluated at import (schemas, tables of names) are tested through every test at
    // once; running them is slow and what they hold is checked by the tests that use them.
    ignoreStatic: true,
    incremental: true,
    incrementalFile: 'reports/stryker-incremental.json',
    // Two cores, shared: one mutant at a time keeps the machine usable.
    concurrency: 1,
    timeoutMS: 20_000,
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    thresholds: { high: 90, low: 85, break: null },
    cleanTempDir: 'always',
    ...overrides,
  };
};
