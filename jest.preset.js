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
};
