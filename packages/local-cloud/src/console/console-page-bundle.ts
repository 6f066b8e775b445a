import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ConsolePage {
  readonly html: string;
  readonly stylesheet: string;
  readonly script: string;
}

const PAGE_DIRECTORY = join(__dirname, 'page');

/**
 * The page's TypeScript, bundled in memory for the browser (nothing written to disk, nothing to
 * rebuild by hand), with its HTML and CSS.
 */
export const buildConsolePage = async (): Promise<ConsolePage> => {
  const [html, stylesheet, bundle] = await Promise.all([
    readFile(join(PAGE_DIRECTORY, 'console.html'), 'utf8'),
    readFile(join(PAGE_DIRECTORY, 'console.css'), 'utf8'),
    build({
      entryPoints: [join(PAGE_DIRECTORY, 'console-page.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      sourcemap: 'inline',
      logLevel: 'silent',
    }),
  ]);
  const [output] = bundle.outputFiles;
  if (!output) throw new Error('esbuild produced no bundle for the console page');
  return { html, stylesheet, script: output.text };
};
