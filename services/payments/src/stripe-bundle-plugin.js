// @ts-check
'use strict';

const { readFile } = require('node:fs/promises');
const path = require('node:path');

/**
 * The Stripe API resources the payments adapter calls (src/stripe-payment-provider.ts). Add one
 * here before the adapter uses it: every other resource is left out of the Lambda bundles.
 */
const STRIPE_RESOURCES_USED = ['PaymentIntents.js', 'Refunds.js'];

/**
 * Modules of the SDK (under stripe/esm) that serve only what the adapter never does: webhooks and
 * event notifications, auto-pagination of list calls, the fetch and Web Crypto transports (Node
 * uses its own http and crypto), the index of every resource (`Stripe.resources`), and the
 * decimal type of v2 resources' `decimal_string` fields (PaymentIntents and Refunds have none).
 */
const STRIPE_MODULES_UNUSED = [
  'Decimal.js',
  'StripeEventNotificationHandler.js',
  'Webhooks.js',
  'autoPagination.js',
  'net/FetchHttpClient.js',
  'crypto/SubtleCryptoProvider.js',
  'resources.js',
];

/** Of the resource index, the one export the client's constructor builds (`stripe.oauth`). */
const RESOURCE_INDEX_EXPORTS_BUILT = ['OAuthResource'];

/** What every stand-in builds its exports with, bundled once. */
const LEFT_OUT = require.resolve('./stripe-left-out.mjs');
const STRIPE_ESM = /[\\/]node_modules[\\/]stripe[\\/]esm[\\/]/;

/**
 * Which stripe module a path is, relative to the package's esm folder, when the plugin leaves it
 * out; undefined for every module a bundle keeps.
 *
 * @param {string} file
 */
const leftOutStripeModule = (file) => {
  const match = STRIPE_ESM.exec(file);
  if (!match) return undefined;
  const relative = file
    .slice(match.index + match[0].length)
    .split(path.sep)
    .join('/');
  if (STRIPE_MODULES_UNUSED.includes(relative)) return relative;
  if (!relative.startsWith('resources/')) return undefined;
  return STRIPE_RESOURCES_USED.includes(relative.slice('resources/'.length)) ? undefined : relative;
};

/**
 * The names a generated stripe module exports: `export class X`, `export const X`,
 * `export function X`, `export { Y as X } from …` and `export { X } from …`.
 *
 * @param {string} source
 */
const exportedNames = (source) => [
  ...new Set(
    [...source.matchAll(/^export (?:(?:class|const|function) (\w+)|\{ *(\w+)(?: as (\w+))? *\})/gm)].map(
      ([, declared, reexported, renamed]) => declared ?? renamed ?? reexported,
    ),
  ),
];

/**
 * A stand-in for a left-out module: its exports, each built by `leftOut`.
 *
 * @param {string[]} names
 */
const standIn = (names) =>
  [
    `import { leftOut } from ${JSON.stringify(LEFT_OUT)};`,
    ...names.map((name) => `export const ${name} = leftOut(${JSON.stringify(name)});`),
  ].join('\n');

/**
 * `stripe` builds all of its ~150 API resources in its constructor, so esbuild cannot drop the
 * ones a bundle never calls: they were ~180 KB of each payment Lambda's bundle. This plugin swaps
 * each module the adapter does not use for a stand-in with the same exports.
 *
 * @type {import('esbuild').Plugin}
 */
const stripeUsedModulesOnly = {
  name: 'stripe-used-modules-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]stripe[\\/]esm[\\/].*\.js$/ }, async ({ path: file }) => {
      const relative = leftOutStripeModule(file);
      if (!relative) return undefined;
      const names =
        relative === 'resources.js' ? RESOURCE_INDEX_EXPORTS_BUILT : exportedNames(await readFile(file, 'utf8'));
      if (names.length === 0) throw new Error(`stripe/esm/${relative}: no exports found to stand in for`);
      return { contents: standIn(names), loader: 'js', resolveDir: path.dirname(file) };
    });
  },
};

// serverless.yml's esbuild plugins (packages/stack/esbuild-plugins.js) include this one.
module.exports = stripeUsedModulesOnly;
