// serverless-esbuild's `plugins` (serverless.yml): every Lambda bundle is built with these, and the
// bench rebuilds the bundles with them. Each leaves out code a bundle carries but never runs.
module.exports = [
  require('@order-platform/lambda/sdk-client-version-only'),
  require('@order-platform/payments-service/stripe-bundle-plugin'),
];
