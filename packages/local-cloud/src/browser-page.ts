import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A page the local stack serves to a browser: its HTML, its CSS, and its script. */
export interface BrowserPage {
  readonly html: string;
  readonly stylesheet: string;
  readonly script: string;
}

/**
 * `<name>.html`, `<name>.css` and `<name>-page.ts` from `directory`, the TypeScript bundled in
 * memory for the browser (nothing written to disk, nothing to rebuild by hand).
 */
export const buildBrowserPage = async (directory: string, name: string): Promise<BrowserPage> => {
  const [html, stylesheet, bundle] = await Promise.all([
    readFile(join(directory, `${name}.html`), 'utf8'),
    readFile(join(directory, `${name}.css`), 'utf8'),
    build({
      entryPoints: [join(directory, `${name}-page.ts`)],
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
  if (!output) throw new Error(`esbuild produced no bundle for the ${name} page`);
  return { html, stylesheet, script: output.text };
};
