// @ts-check
'use strict';

const { readFile } = require('node:fs/promises');

/**
 * Each AWS SDK client imports its whole package.json to put its version in the User-Agent header,
 * and a JSON default import bundles every field (~2.3 KB per client). Bundle the version alone.
 *
 * @type {import('esbuild').Plugin}
 */
const sdkClientVersionOnly = {
  name: 'sdk-client-version-only',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]node_modules[\\/]@aws-sdk[\\/]client-[\w-]+[\\/]package\.json$/ },
      async ({ path }) => {
        const { version } = JSON.parse(await readFile(path, 'utf8'));
        return { contents: JSON.stringify({ version }), loader: 'json' };
      },
    );
  },
};

// serverless.yml's esbuild plugins (packages/stack/esbuild-plugins.js) include this one.
module.exports = sdkClientVersionOnly;
