const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  // The harness and the paths are what the tests run on, not what they prove.
  collectCoverageFrom: [...preset.collectCoverageFrom, '!src/testing/**'],
  // Real executions: the first imports every step handler it runs, which takes seconds when turbo
  // runs the other workspaces' suites beside it on two cores.
  testTimeout: 30_000,
};
