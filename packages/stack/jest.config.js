const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  collectCoverageFrom: [...preset.collectCoverageFrom],
};
