const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  collectCoverageFrom: [
    ...preset.collectCoverageFrom,
    // They start processes and time them: `npm run bench` runs them; the unit-tested modules judge what they measure.
    '!src/measure/**',
    // The peer build is what the bench measures against, never shipped; its warm run checks every answer.
    '!src/peer/**',
  ],
};
