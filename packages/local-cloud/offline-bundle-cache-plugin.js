// A Serverless plugin for `sls offline start` only: serverless-esbuild's bundles are reused while
// nothing that went into them changed (src/serverless/offline-bundle-cache.ts). It does nothing for
// any other command (package and deploy always build), nor with ORDER_PLATFORM_BUNDLE_CACHE=off.
const { require: requireTypeScript } = require('tsx/cjs/api');

class OfflineBundleCache {
  constructor(serverless, _options, { log } = {}) {
    this.hooks = {};
    const command = serverless.processedInput?.commands?.[0];
    if (command !== 'offline' || process.env.ORDER_PLATFORM_BUNDLE_CACHE === 'off') return;
    const esbuild = serverless.pluginManager.plugins.find(
      (plugin) => plugin.constructor.name === 'EsbuildServerlessPlugin',
    );
    if (!esbuild) return;
    const { cacheBundles } = requireTypeScript('./src/serverless/offline-bundle-cache.ts', module.filename);
    cacheBundles(esbuild, {
      esbuildVersion: require('esbuild').version,
      onReuse: (functions) => log?.notice?.(`Reusing ${functions} unchanged bundles (.esbuild/offline-bundles.json)`),
    });
  }
}

module.exports = OfflineBundleCache;
