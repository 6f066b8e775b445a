import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheBundles, type EsbuildPluginState } from './offline-bundle-cache';

/** serverless-esbuild's plugin as far as the cache sees it, building with real esbuild. */
const fakeEsbuildPlugin = (serviceDir: string, options: Record<string, unknown> = {}) => {
  const builds: string[][] = [];
  const plugin: EsbuildPluginState = {
    serviceDirPath: serviceDir,
    workDirPath: join(serviceDir, '.esbuild'),
    buildDirPath: join(serviceDir, '.esbuild', '.build'),
    buildOptions: { bundle: true, platform: 'node', format: 'cjs', ...options },
    functionEntries: [
      { entry: 'fns/a/handler.ts', func: { handler: 'fns/a/handler.handler' }, functionAlias: 'a' },
      { entry: 'fns/b/handler.ts', func: { handler: 'fns/b/handler.handler' }, functionAlias: 'b' },
    ],
    prepare: () => mkdirSync(join(serviceDir, '.esbuild', '.build'), { recursive: true }),
    async bundle() {
      const { bundle, platform, format, metafile } = plugin.buildOptions as Record<string, never>;
      const entries = plugin.functionEntries.map(({ entry }) => entry);
      builds.push(entries);
      const results = await Promise.all(
        entries.map(async (entry) => ({
          entry,
          bundlePath: entry.replace(/\.ts$/, '.js'),
          result: await esbuild.build({
            absWorkingDir: serviceDir,
            entryPoints: [entry],
            outdir: join(plugin.buildDirPath as string, dirname(entry)),
            bundle,
            platform,
            format,
            metafile,
            logLevel: 'silent',
          }),
        })),
      );
      plugin.buildCache = Object.fromEntries(results.map((result) => [result.entry, result]));
      plugin.buildResults = plugin.functionEntries.map(({ entry, func, functionAlias }) => ({
        bundlePath: entry.replace(/\.ts$/, '.js'),
        func,
        functionAlias,
      }));
    },
  };
  return { plugin, builds };
};

describe("serverless-offline's bundles, reused while nothing that went into them changed", () => {
  let serviceDir: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(serviceDir, path)), { recursive: true });
    writeFileSync(join(serviceDir, path), text);
  };
  const startOffline = async (options?: Record<string, unknown>) => {
    const { plugin, builds } = fakeEsbuildPlugin(serviceDir, options);
    const reused: number[] = [];
    cacheBundles(plugin, { esbuildVersion: esbuild.version, onReuse: (count) => reused.push(count) });
    await plugin.bundle();
    return { built: builds.length > 0, reused, plugin };
  };
  const bundleOfA = () => readFileSync(join(serviceDir, '.esbuild', '.build', 'fns', 'a', 'handler.js'), 'utf8');

  beforeEach(() => {
    serviceDir = mkdtempSync(join(tmpdir(), 'offline-bundle-cache-'));
    write('fns/a/handler.ts', "import { price } from '../../lib/price';\nexport const handler = () => price(2);\n");
    write('fns/b/handler.ts', 'export const handler = () => "b";\n');
    write('lib/price.ts', 'export const price = (n: number) => n * 100;\n');
  });
  afterEach(() => rmSync(serviceDir, { recursive: true, force: true }));

  it('builds on the first start, then reuses every bundle and leaves what serverless-offline reads', async () => {
    expect((await startOffline()).built).toBe(true);
    const second = await startOffline();
    expect(second.built).toBe(false);
    expect(second.reused).toEqual([2]);
    expect(second.plugin.buildResults?.map(({ bundlePath, functionAlias }) => [functionAlias, bundlePath])).toEqual([
      ['a', 'fns/a/handler.js'],
      ['b', 'fns/b/handler.js'],
    ]);
  });

  it('builds again when a file a handler imports changes, and the bundle has the change', async () => {
    await startOffline();
    write('lib/price.ts', 'export const price = (n: number) => n * 250;\n');
    expect((await startOffline()).built).toBe(true);
    expect(bundleOfA()).toContain('250');
    expect((await startOffline()).built).toBe(false);
  });

  it('builds again when a file appears beside an input (an import may now resolve to it)', async () => {
    await startOffline();
    write('lib/price.js', 'exports.price = () => 0;\n');
    expect((await startOffline()).built).toBe(true);
  });

  it('builds again when the build options change', async () => {
    await startOffline();
    expect((await startOffline({ minify: true })).built).toBe(true);
  });

  it('builds again when the esbuild plugins file, or a local file it requires, changes', async () => {
    write('build/plugins.js', "module.exports = [require('./strip-logs.js')];\n");
    write('build/strip-logs.js', "module.exports = { name: 'strip-logs', setup() {} };\n");
    const withPlugins = { plugins: 'build/plugins.js' };
    await startOffline(withPlugins);
    expect((await startOffline(withPlugins)).built).toBe(false);
    write('build/strip-logs.js', "module.exports = { name: 'strip-logs', setup(build) { build.onLoad; } };\n");
    expect((await startOffline(withPlugins)).built).toBe(true);
    write('build/plugins.js', "module.exports = [require('./strip-logs.js'), { name: 'none', setup() {} }];\n");
    expect((await startOffline(withPlugins)).built).toBe(true);
    expect((await startOffline(withPlugins)).built).toBe(false);
  });

  it('builds again when a bundle it would reuse is gone', async () => {
    await startOffline();
    rmSync(join(serviceDir, '.esbuild', '.build', 'fns', 'b'), { recursive: true });
    expect((await startOffline()).built).toBe(true);
  });
});
