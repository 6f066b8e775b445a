import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StorefrontPage {
  readonly html: string;
  readonly stylesheet: string;
  readonly script: string;
}

const PAGE_DIRECTORY = join(__dirname, 'page');

/** The page's TypeScript (with @order-platform/client) bundled in memory for the browser, with its HTML and CSS. */
export const buildStorefrontPage = async (): Promise<StorefrontPage> => {
  const [html, stylesheet, bundle] = await Promise.all([
    readFile(join(PAGE_DIRECTORY, 'storefront.html'), 'utf8'),
    readFile(join(PAGE_DIRECTORY, 'storefront.css'), 'utf8'),
    build({
      entryPoints: [join(PAGE_DIRECTORY, 'storefront-page.ts')],
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
  if (!output) throw new Error('esbuild produced no bundle for the storefront page');
  return { html, stylesheet, script: output.text };
};
