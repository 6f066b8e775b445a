const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  collectCoverageFrom: [
    ...preset.collectCoverageFrom,
    // The console page runs in a browser: tests/e2e/console.e2e.test.ts drives it in Chromium.
    '!src/console/page/**',
    // Types only: the console server's answers, as its page reads them.
    '!src/console/console-api.ts',
  ],
  // Branches below the other workspaces' 90%: the emulator answers many error cases as AWS does,
  // and not all of them have a test yet (84% when this workspace was made). Raise it as they do.
  coverageThreshold: { global: { ...preset.coverageThreshold.global, branches: 80 } },
};
