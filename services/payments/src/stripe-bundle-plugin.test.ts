import { money } from '@order-platform/domain';
import { startStripeTestServer, type StripeTestServer } from '@order-platform/stripe-test-server';
import { build, type Metafile, type Plugin } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Stripe from 'stripe';
import type { PaymentProvider } from './ports';

const load = createRequire(__filename);
const stripeUsedModulesOnly = load('./stripe-bundle-plugin.js') as Plugin;

const SECRET_KEY = 'sk_test_bundle';

/** The adapter and a raw client, as a Lambda bundle holds them: minified, stripe's ESM build. */
const ENTRY = `
import Stripe from 'stripe';
import { buildStripePaymentProvider } from './stripe-payment-provider';
export const clientFor = (config) => new Stripe(${JSON.stringify(SECRET_KEY)}, { maxNetworkRetries: 0, ...config });
export const providerFor = (stripe) => buildStripePaymentProvider(stripe);
`;

interface Bundled {
  clientFor(config: Stripe.StripeConfig): Stripe;
  providerFor(stripe: Stripe): PaymentProvider;
}

const bundle = async (outdir: string, plugins: Plugin[]) => {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: __dirname, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    plugins,
    outfile: join(outdir, `bundle-${plugins.length}.js`),
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0] as Metafile['outputs'][string];
  const stripeBytes = Object.entries(output.inputs)
    .filter(([input]) => /node_modules\/stripe\/|stripe-left-out/.test(input))
    .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
  return { file: join(outdir, `bundle-${plugins.length}.js`), stripeBytes };
};

describe('the Stripe SDK in a Lambda bundle: only the modules the adapter uses', () => {
  let outdir: string;
  let server: StripeTestServer;
  let bundled: Bundled;
  let stripe: Stripe;
  let pruned: Awaited<ReturnType<typeof bundle>>;
  let whole: Awaited<ReturnType<typeof bundle>>;

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'stripe-bundle-'));
    [pruned, whole] = await Promise.all([bundle(outdir, [stripeUsedModulesOnly]), bundle(outdir, [])]);
    bundled = load(pruned.file) as Bundled;
  }, 60_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  beforeEach(async () => {
    server = await startStripeTestServer({ secretKey: SECRET_KEY });
    stripe = bundled.clientFor({ host: server.host, port: server.port, protocol: server.protocol });
  });
  afterEach(() => server.stop());

  it('holds, captures and refunds through the bundled SDK', async () => {
    const provider = bundled.providerFor(stripe);
    const held = await provider.authorize({ orderId: 'order-1', token: 'pm_card_visa', amount: money(4598, 'EUR') });
    if (held.outcome !== 'AUTHORIZED') throw new Error(`not authorized: ${held.reason}`);

    await provider.capture({ orderId: 'order-1', authorizationId: held.authorizationId, amount: money(4598, 'EUR') });
    await provider.refund({ orderId: 'order-1', authorizationId: held.authorizationId, amount: money(4598, 'EUR') });

    expect(server.paymentIntents.all()).toEqual([
      expect.objectContaining({ id: held.authorizationId, status: 'succeeded', amount_received: 4598 }),
    ]);
    expect(server.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /v1/payment_intents',
      `POST /v1/payment_intents/${held.authorizationId}/capture`,
      'POST /v1/refunds',
    ]);
  });

  it('voids a hold and maps a decline through the bundled SDK', async () => {
    const provider = bundled.providerFor(stripe);
    const held = await provider.authorize({ orderId: 'order-2', token: 'pm_card_visa', amount: money(100, 'EUR') });
    if (held.outcome !== 'AUTHORIZED') throw new Error(`not authorized: ${held.reason}`);
    await provider.void({ orderId: 'order-2', authorizationId: held.authorizationId });

    const declined = await provider.authorize({
      orderId: 'order-3',
      token: 'pm_card_chargeDeclined',
      amount: money(100, 'EUR'),
    });

    expect(server.paymentIntents.all()[0]).toMatchObject({ status: 'canceled' });
    expect(declined).toMatchObject({ outcome: 'DECLINED' });
  });

  it('fails by name, sending nothing, when code calls a resource the bundle left out', () => {
    expect(() => stripe.customers.create({ email: 'a@example.com' })).toThrow(
      /stripe CustomerResource\.create is not in this bundle: services\/payments\/src\/stripe-bundle-plugin\.js left it out/,
    );
    expect(() => stripe.billing.meters.list()).toThrow(/not in this bundle/);
    expect(server.requests).toEqual([]);
  });

  it('leaves out most of the SDK', () => {
    expect(pruned.stripeBytes).toBeLessThan(60_000);
    expect(whole.stripeBytes).toBeGreaterThan(200_000);
  });
});
