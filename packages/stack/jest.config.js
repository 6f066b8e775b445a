const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  collectCoverageFrom: [
    ...preset.collectCoverageFrom,
    // The plugin's wiring into serverless's hooks: tests/packaging runs it through `sls package`.
    '!src/stack-plugin.ts',
  ],
};
