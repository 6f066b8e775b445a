import { SUPPORTED_CURRENCIES } from '@order-platform/domain';
import { STOREFRONT_CARDS, STOREFRONT_CUSTOMERS } from './storefront-config';
import { startStorefrontServer, storefrontOriginOf, type StorefrontServer } from './storefront-server';

// The storefront's own server: its page and what the page asks it. The page itself, calling the
// API from this origin, is tested in Chromium (tests/e2e/storefront.e2e.test.ts).
let server: StorefrontServer;
const API_URL = 'http://127.0.0.1:39999';

beforeAll(async () => {
  server = await startStorefrontServer({ apiUrl: API_URL });
}, 30_000);

afterAll(() => server?.stop());

const get = (path: string, init?: RequestInit) => fetch(`${server.endpoint}${path}`, init);

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string };

describe('the storefront server', () => {
  it('serves the page, which may call the API and nothing else across origins', async () => {
    const page = await get('/');

    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/storefront.js" defer></script>');
    expect(page.headers.get('content-security-policy')).toBe(
      `default-src 'self'; connect-src 'self' ${API_URL}; img-src 'self' data:`,
    );
  });

  it('serves the page bundled with the order client, and its stylesheet', async () => {
    const script = await get('/storefront.js');
    const stylesheet = await get('/storefront.css');

    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('Idempotency-Key');
    expect(await stylesheet.text()).toContain('#cancel-order');
  });

  it('tells the page where the API is and what a shopper may pick', async () => {
    expect(await (await get('/config.json')).json()).toEqual({
      apiUrl: API_URL,
      customers: STOREFRONT_CUSTOMERS,
      currencies: SUPPORTED_CURRENCIES,
      cards: STOREFRONT_CARDS,
    });
  });

  it('signs the shopper in with a local token for the customer picked, and refuses a customer id it would not sign', async () => {
    const signedIn = (await (await get('/token?customer=bob')).json()) as { token: string };

    expect(claimsOf(signedIn.token).sub).toBe('bob');
    expect((await get('/token?customer=bob%20smith')).status).toBe(400);
    expect((await get('/token')).status).toBe(400);
  });

  it('serves from the origin the HTTP API is told to allow', () => {
    expect(server.endpoint).toBe(storefrontOriginOf(Number(new URL(server.endpoint).port)));
  });

  it('answers 404 to any other path and 405 to anything but GET', async () => {
    expect((await get('/admin')).status).toBe(404);
    expect((await get('/token?customer=bob', { method: 'POST' })).status).toBe(405);
  });
});
