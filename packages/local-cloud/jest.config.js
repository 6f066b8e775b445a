const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  collectCoverageFrom: [
    ...preset.collectCoverageFrom,
    // The console page runs in a browser: tests/e2e/console.e2e.test.ts drives it in Chromium.
    '!src/console/page/**',
    // So does the storefront page: tests/e2e/storefront.e2e.test.ts.
    '!src/storefront/page/**',
    // Types only: the console server's answers, as its page reads them.
    '!src/console/console-api.ts',
  ],
};
