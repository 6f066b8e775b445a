// Shared jest settings for every workspace. @middy/* is ESM-only, so it is transformed with the
// TypeScript sources; everything else in node_modules stays as shipped.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.esbuild/', '/.serverless/'],
  setupFiles: [require.resolve('./jest.setup.js')],
  reporters: ['default', require.resolve('./scripts/ci/jest-totals-reporter.js')],
  clearMocks: true,
  // Many suites talk to a real local DynamoDB, Step Functions runner or HTTP server: under a load
  // of 15 on two cores jest's 5 s default failed sound tests (25 concurrent orders on dynalite).
  // A hang still fails, at 30 s; no test asserts a time.
  testTimeout: 30_000,
  // Unit coverage of each workspace. Wiring (handler.ts), re-export indexes, type-only ports and
  // test builders are left out: the end-to-end tests prove the wiring.
  coverageProvider: 'v8',
  collectCoverageFrom: [
    'src/**/*.ts',
    'functions/**/*.ts',
    '!**/*.test.ts',
    '!**/*.d.ts',
    '!**/testing.ts',
    '!**/index.ts',
    '!**/handler.ts',
    '!**/ports.ts',
    '!**/in-memory-*.ts',
    '!src/local/**',
  ],
  coverageReporters: ['text-summary'],
  coverageThreshold: { global: { statements: 95, branches: 90, functions: 95, lines: 95 } },
};
