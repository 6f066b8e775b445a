import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

// What the client costs a shop's page: the whole client bundled for the browser, minified and
// gzipped (the measured figure is in the README, "A typed client for shops"); the budget
// leaves room for growth and catches a dependency that drags in a library.
const BUDGET_BYTES = 6 * 1024;

const minifiedGzippedBytes = async (entry: string): Promise<number> => {
  const { outputFiles } = await build({
    stdin: { contents: entry, resolveDir: __dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  return gzipSync(outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
};

describe('the client bundled for a browser', () => {
  it(`stays within ${BUDGET_BYTES} bytes minified and gzipped`, async () => {
    const bytes = await minifiedGzippedBytes("export * from './index';");

    expect(bytes).toBeGreaterThan(1024);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
