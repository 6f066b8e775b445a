import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { contentOf, digestOf, listingOf, readCached, writeCached } from '../cache/input-digest';

// serverless-esbuild bundles every function again on each `sls offline start`, though most starts
// follow no change to any of them: seconds of CPU, the larger part of serverless-offline's start.
// This keeps the bundles it built with the digest of every file esbuild read for them (its
// metafile) and of the options it built them with; while that digest holds, a start reuses them.

/** The part of serverless-esbuild's plugin this cache wraps (its `bundle` step and what that sets). */
export interface EsbuildPluginState {
  bundle(): Promise<void>;
  prepare(): void;
  readonly serviceDirPath: string;
  readonly buildDirPath?: string;
  readonly workDirPath?: string;
  readonly buildOptions?: Record<string, unknown> & { outputFileExtension?: string };
  readonly functionEntries: readonly { entry: string; func: unknown; functionAlias: string }[];
  buildCache?: Record<string, { bundlePath: string; entry: string; result?: { metafile?: Metafile } }>;
  buildResults?: { bundlePath: string; func: unknown; functionAlias: string }[];
}

interface Metafile {
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** What a build is keyed by before it runs: its options, its entries, esbuild's version. */
const optionsKey = (plugin: EsbuildPluginState, esbuildVersion: string) =>
  digestOf([
    esbuildVersion,
    process.version,
    // Functions (an esbuild plugin list) do not serialise; a plugins *path* does, and its files are inputs.
    JSON.stringify(plugin.buildOptions ?? {}, (_, value: unknown) =>
      typeof value === 'function' ? String(value) : value,
    ),
    JSON.stringify(plugin.functionEntries.map(({ entry, functionAlias }) => [entry, functionAlias])),
  ]);

/** The digest of the inputs esbuild read, and of their directories' listings (a new file can change a resolution). */
export const inputsDigest = (serviceDir: string, inputs: readonly string[]) => {
  const sorted = [...new Set(inputs)].sort();
  const directories = [
    ...new Set(sorted.filter((path) => !path.includes('node_modules/')).map((path) => dirname(path))),
  ];
  return digestOf([
    ...sorted.flatMap((path) => [path, contentOf(resolve(serviceDir, path))]),
    ...directories.flatMap((directory) => [directory, listingOf(resolve(serviceDir, directory))]),
  ]);
};

/**
 * The esbuild plugins file (serverless-esbuild's \`plugins\`, a path from the service's folder) and
 * the local files it requires, transitively: the plugins change what a bundle holds, yet are not
 * among the files esbuild reads for it.
 */
export const pluginFilesOf = (serviceDir: string, pluginsPath: string): string[] => {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    for (const [, request] of readFileSync(file, 'utf8').matchAll(/require\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
      visit(require.resolve(resolve(dirname(file), request as string)));
    }
  };
  visit(resolve(serviceDir, pluginsPath));
  return [...found].map((file) => relative(serviceDir, file));
};

interface Manifest {
  readonly inputs: readonly string[];
  readonly digest: string;
}

const bundlePathOf = (entry: string, extension: string) => entry.slice(0, entry.lastIndexOf('.')) + extension;

/**
 * Wraps `plugin.bundle` so that it reuses the bundles in its build directory while nothing that
 * went into them changed, and otherwise builds (with a metafile, to learn the inputs) and records
 * them. `onReuse` hears each reuse. Returns the manifest's path.
 */
export const cacheBundles = (
  plugin: EsbuildPluginState,
  { esbuildVersion, onReuse = () => undefined }: { esbuildVersion: string; onReuse?: (functions: number) => void },
) => {
  const build = plugin.bundle.bind(plugin);
  plugin.bundle = async () => {
    plugin.prepare();
    const buildDir = plugin.buildDirPath as string;
    const manifestFile = join(plugin.workDirPath as string, 'offline-bundles.json');
    const key = optionsKey(plugin, esbuildVersion);
    const extension = plugin.buildOptions?.outputFileExtension ?? '.js';
    const entries = [...new Set(plugin.functionEntries.map(({ entry }) => entry))];
    const manifest = readCached<Manifest>(manifestFile, key);
    const reusable =
      manifest !== undefined &&
      entries.every((entry) => existsSync(join(buildDir, bundlePathOf(entry, extension)))) &&
      inputsDigest(plugin.serviceDirPath, manifest.inputs) === manifest.digest;
    if (reusable) {
      // What serverless-esbuild's bundle() leaves behind for the steps after it (offline, watch).
      plugin.buildCache = Object.fromEntries(
        entries.map((entry) => [entry, { bundlePath: bundlePathOf(entry, extension), entry }]),
      );
      plugin.buildResults = plugin.functionEntries.map(({ entry, func, functionAlias }) => ({
        bundlePath: bundlePathOf(entry, extension),
        func,
        functionAlias,
      }));
      onReuse(entries.length);
      return;
    }
    (plugin.buildOptions as Record<string, unknown>).metafile = true;
    await build();
    const plugins = plugin.buildOptions?.plugins;
    const inputs = [
      ...new Set([
        ...Object.values(plugin.buildCache ?? {}).flatMap(({ result }) => Object.keys(result?.metafile?.inputs ?? {})),
        ...(typeof plugins === 'string' ? pluginFilesOf(plugin.serviceDirPath, plugins) : []),
      ]),
    ];
    // A build without its inputs known (a metafile missing) is not kept: it would never be invalidated.
    if (Object.values(plugin.buildCache ?? {}).some(({ result }) => !result?.metafile)) return;
    writeCached(manifestFile, key, { inputs, digest: inputsDigest(plugin.serviceDirPath, inputs) } satisfies Manifest);
  };
  return join(plugin.workDirPath ?? '', 'offline-bundles.json');
};
