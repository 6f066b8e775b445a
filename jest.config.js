// Root-level suites: the packaged CloudFormation, the OpenAPI document and the end-to-end tests
// against the local stack. Workspace suites run from each workspace (turbo run test).
module.exports = {
  ...require('./jest.preset.js'),
  displayName: 'platform',
  roots: ['<rootDir>/tests', '<rootDir>/scripts'],
  // One suite at a time: packaging and serverless-offline both build in .esbuild/.
  maxWorkers: 1,
};
