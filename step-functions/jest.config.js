const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  // The harness and the paths are what the tests run on, not what they prove.
  collectCoverageFrom: [...preset.collectCoverageFrom, '!src/testing/**'],
};
