import { build, type Metafile, type Plugin } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const load = createRequire(__filename);
const sdkClientVersionOnly = load('./sdk-client-version-only.js') as Plugin;
const { version } = load('@aws-sdk/client-dynamodb/package.json') as { version: string };

const ENTRY = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export const userAgent = () => new DynamoDBClient({ region: 'eu-west-1' }).config.defaultUserAgentProvider();
`;

describe("an SDK client's package.json in a Lambda bundle", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'sdk-client-version-'));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const bundle = async (plugins: Plugin[]) => {
    const outfile = join(outdir, `bundle-${plugins.length}.js`);
    const result = await build({
      stdin: { contents: ENTRY, resolveDir: __dirname, loader: 'ts' },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      plugins,
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    const { inputs } = Object.values(result.metafile.outputs)[0] as Metafile['outputs'][string];
    const [, packageJson] =
      Object.entries(inputs).find(([input]) => input.endsWith('client-dynamodb/package.json')) ?? [];
    return { outfile, packageJsonBytes: packageJson?.bytesInOutput ?? 0 };
  };

  it('is bundled as its version alone, and the User-Agent still names that version', async () => {
    const [trimmed, whole] = await Promise.all([bundle([sdkClientVersionOnly]), bundle([])]);
    const { userAgent } = load(trimmed.outfile) as { userAgent: () => Promise<[string, string?][]> };

    expect(await userAgent()).toContainEqual(['api/DynamoDB', version]);
    expect(trimmed.packageJsonBytes).toBeLessThan(60);
    expect(whole.packageJsonBytes).toBeGreaterThan(1000);
    expect(readFileSync(trimmed.outfile, 'utf8')).not.toContain('"devDependencies"');
  }, 60_000);
});
