const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  // openapi-typescript (the generator, which the stale-types test runs) requires ESM-only packages.
  transformIgnorePatterns: [
    '/node_modules/(?!(@middy|openapi-typescript|parse-json|index-to-position|supports-color|change-case)/)',
  ],
  // The generated types hold no statements.
  collectCoverageFrom: [...preset.collectCoverageFrom, '!src/generated/**'],
};
