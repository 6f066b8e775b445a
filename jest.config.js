// Root-level suites test the whole deployable: the packaged CloudFormation (tests/packaging) and
// the platform end to end over real HTTP (tests/e2e). Each workspace's own suites run from that
// workspace (turbo run test); scripts/ci holds the CI tooling's own.
module.exports = {
  ...require('./jest.preset.js'),
  displayName: 'platform',
  roots: ['<rootDir>/tests', '<rootDir>/scripts/ci'],
  // What only these suites test, under the workspaces' gate: the CI tooling. The code the end-to-end
  // and packaging suites run is each workspace's, gated by that workspace's own unit tests.
  collectCoverageFrom: ['scripts/ci/**/*.js'],
  // One suite at a time: packaging and serverless-offline both build in .esbuild/.
  maxWorkers: 1,
  // Each test here goes through real HTTP, a local stack and its bundles (a function's first call
  // loads its bundle): seconds on a loaded machine, where jest's 5 s default failed sound tests.
  testTimeout: 60_000,
};
