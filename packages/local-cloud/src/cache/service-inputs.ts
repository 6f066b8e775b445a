import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { contentOf, digestOf } from './input-digest';

// Everything `sls print` reads to resolve serverless.yml, as one digest: the key of its cached
// output (service-definition.ts).

const FILE_REFERENCE = /\$\{file\(([^)]+?)\)/g;
const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)/g;
const LOCAL_PLUGIN = /^\s*-\s*(\.\.?\/\S+\.[cm]?js)\s*$/gm;

/** serverless.yml and every file it includes with `${file(...)}`, followed to the end. */
export const includedFiles = (serviceDir: string, configFile = 'serverless.yml'): string[] => {
  const found = new Set<string>();
  const visit = (path: string) => {
    if (found.has(path)) return;
    found.add(path);
    const text = contentOf(path).toString();
    // Serverless resolves `${file()}` paths from the service directory, not the including file.
    for (const [, reference] of text.matchAll(FILE_REFERENCE)) {
      const target = reference?.split(':')[0]?.trim();
      if (target && !target.includes('${')) visit(resolve(serviceDir, target));
    }
  };
  visit(resolve(serviceDir, configFile));
  return [...found].sort();
};

/** The files of the local plugins serverless.yml lists (`- ./path/plugin.js`), and of their package. */
const localPluginFiles = (serviceDir: string, configText: string): string[] =>
  [...configText.matchAll(LOCAL_PLUGIN)].flatMap(([, plugin]) => {
    const directory = dirname(resolve(serviceDir, plugin ?? '.'));
    return existsSync(directory) ? filesUnder(directory) : [];
  });

const filesUnder = (directory: string): string[] =>
  readdirSync(directory)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
    .flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    })
    .sort();

/**
 * The digest of what `sls print` resolves from: the framework's version, the command line, every
 * file serverless.yml includes, the local plugins' sources, the environment variables it names,
 * and the lock file (plugin versions). Any change to one of them gives another key.
 */
export const serviceInputsKey = (serviceDir: string, commandLine: readonly string[], frameworkVersion: string) => {
  const files = includedFiles(serviceDir);
  const texts = files.map((path) => contentOf(path).toString());
  const plugins = localPluginFiles(serviceDir, texts[files.indexOf(resolve(serviceDir, 'serverless.yml'))] ?? '');
  const environment = [...new Set(texts.flatMap((text) => [...text.matchAll(ENV_REFERENCE)].map(([, name]) => name)))]
    .sort()
    .map((name) => `${name}=${process.env[name as string] ?? '<unset>'}`);
  const inputs = [...files, ...plugins, resolve(serviceDir, 'package-lock.json')];
  return digestOf([
    frameworkVersion,
    commandLine.join('\0'),
    environment.join('\0'),
    ...inputs.flatMap((path) => [relative(serviceDir, path), contentOf(path)]),
  ]);
};
