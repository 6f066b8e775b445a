import { anOrderRequest } from '@order-platform/client/testing';
import { REPO_ROOT } from '@order-platform/local-cloud';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { pixelsOfColour } from '../support/screenshots';
import { startLocalStack, type LocalStack } from './local-stack';

// The storefront as a shopper uses it: Debian's Chromium, driven by playwright-core, opens the
// page on its own origin and goes through the real HTTP API (CORS preflights included) with
// @order-platform/client: the catalog in a currency, the cart, checkout with each sandbox path,
// the order's live status and timeline, cancelling, and the order history page by page.

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic'];
/** Where a human can look at what the browser drew (gitignored). */
const SCREENSHOTS = join(REPO_ROOT, '.local', 'storefront');
/** storefront.css's colour for a DISPATCHED status (sRGB). */
const DISPATCHED_GREEN = [0x13, 0x73, 0x33] as const;
const SETTLES_WITHIN = 45_000;

let stack: LocalStack;
let browser: Browser;
let page: Page;
/** The API requests the browser sent, preflights included: `METHOD path`. */
let apiRequests: string[];

const launchDebianChromium = () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The storefront test drives Debian's Chromium at ${CHROMIUM}: apt-get install chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
};

beforeAll(async () => {
  // The workflow's steps log their failures, as on Lambda; the assertions say what matters.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  [browser, stack] = await Promise.all([launchDebianChromium(), startLocalStack()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The order-history requests (GET /orders) the page sends from now on wait `ms` on their way. */
const slowDownHistory = (ms: number, { once = false } = {}) =>
  page.route(
    (url) => url.href.startsWith(stack.platform.apiUrl) && url.pathname === '/orders',
    async (route) => {
      if (route.request().method() === 'GET') await new Promise((resolve) => setTimeout(resolve, ms));
      await route.continue();
    },
    once ? { times: 1 } : {},
  );

const historyRows = () =>
  page.locator('#history tbody tr').evaluateAll((all) => all.map((row) => row.getAttribute('data-order-id')));

/** A fresh page on the storefront, signed in as `customer`, recording what it sends the API. */
const openStorefront = async (customer = 'alice', { historyDelayMs = 0 } = {}) => {
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  apiRequests = [];
  // Chromium's network layer reports CORS preflights too (Playwright's own events do not).
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  devtools.on('Network.requestWillBeSent', ({ request }) => {
    if (request.url.startsWith(stack.platform.apiUrl)) {
      apiRequests.push(`${request.method} ${new URL(request.url).pathname}`);
    }
  });
  await page.goto(stack.platform.storefrontUrl);
  await page.waitForSelector('body[data-ready="true"]');
  if (historyDelayMs > 0) await slowDownHistory(historyDelayMs);
  if (customer !== 'alice') {
    await page.selectOption('#customer', customer);
    await page.waitForSelector(`body[data-customer="${customer}"]`);
  }
};

interface Checkout {
  readonly items: readonly (readonly [sku: string, quantity: number])[];
  readonly card?: string;
  readonly country?: string;
  readonly line2?: string;
}

/** Fills the cart and checks out; answers the order id the page then follows. */
const checkout = async ({ items, card = 'tok_visa', country = 'GB', line2 }: Checkout): Promise<string> => {
  for (const [sku, quantity] of items) {
    await page.click(`#catalog tr[data-sku="${sku}"] button.add`);
    await page.fill(`#cart-lines li[data-sku="${sku}"] input.quantity`, String(quantity));
    await page.press(`#cart-lines li[data-sku="${sku}"] input.quantity`, 'Tab');
  }
  await page.selectOption('#card', card);
  await page.selectOption('#country', country);
  if (line2) await page.fill('#line2', line2);
  await page.click('#place-order');
  const panel = await page.waitForSelector('#order[data-order-id]');
  return (await panel.getAttribute('data-order-id')) ?? '';
};

const settlesAs = (status: string) =>
  page.waitForSelector(`#order[data-status="${status}"]`, { timeout: SETTLES_WITHIN });
const texts = (selector: string) => page.locator(selector).allTextContents();

describe('the storefront in Chromium, on its own origin', () => {
  it('shows the catalog with prices in the chosen currency', async () => {
    await openStorefront();

    expect(await page.textContent('#catalog tr[data-sku="KB-001"] .price')).toBe('€89.00');
    await page.selectOption('#currency', 'USD');
    expect(await page.textContent('#catalog tr[data-sku="KB-001"] .price')).toBe('US$99.00');
    await page.selectOption('#currency', 'GBP');
    // The headphones have no GBP price: they cannot be bought in pounds.
    expect(await page.textContent('#catalog tr[data-sku="HD-004"] .price')).toBe('—');
    expect(await page.isDisabled('#catalog tr[data-sku="HD-004"] button.add')).toBe(true);
  });

  it('places an approved order that reaches DISPATCHED live, through a CORS preflight, and draws it', async () => {
    await openStorefront();
    await page.click('#catalog tr[data-sku="KB-001"] button.add');
    expect(await page.textContent('#cart-total')).toBe('€89.00');

    const orderId = await checkout({ items: [['MS-002', 2]] });
    await settlesAs('DISPATCHED');

    expect(await texts('#order-timeline li')).toEqual([
      expect.stringMatching(/^PENDING at /),
      expect.stringMatching(/^PAYMENT_CONFIRMED at /),
      expect.stringMatching(/^PROCURED at /),
      expect.stringMatching(/^DISPATCHED at /),
    ]);
    expect(await page.textContent('#order-total')).toBe('€147.00');
    expect(await page.isHidden('#cancel-order')).toBe(true);
    expect(await page.isHidden('#message')).toBe(true);
    expect(apiRequests).toEqual(expect.arrayContaining(['OPTIONS /orders', 'POST /orders', `GET /orders/${orderId}`]));
    expect((await stack.call('GET', `/orders/${orderId}`, { customerId: 'alice' })).body.status).toBe('DISPATCHED');

    const image = await page.locator('#order').screenshot();
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'dispatched.png'), image);
    expect(pixelsOfColour(PNG.sync.read(image), DISPATCHED_GREEN)).toBeGreaterThan(30);
  });

  it('shows why a declined card failed', async () => {
    await openStorefront();

    await checkout({ items: [['CB-005', 1]], card: 'tok_declined' });
    await settlesAs('FAILED');

    expect(await page.textContent('#order-failure')).toContain('Card declined by the issuer');
  });

  it('gets a flaky provider’s order through to DISPATCHED', async () => {
    await openStorefront();

    await checkout({ items: [['CB-005', 1]], card: 'tok_flaky' });

    await expect(settlesAs('DISPATCHED')).resolves.toBeTruthy();
  });

  it('fails an order for more than the stock, saying so, and leaves the stock as it was', async () => {
    await openStorefront();
    const stockBefore = await page.textContent('#catalog tr[data-sku="LT-006"] .stock');

    await checkout({ items: [['LT-006', 5]] });
    await settlesAs('FAILED');

    expect(await page.textContent('#order-failure')).toMatch(/stock/i);
    expect(await page.textContent('#catalog tr[data-sku="LT-006"] .stock')).toBe(stockBefore);
  });

  it('fails an order to Antarctica: no carrier delivers there', async () => {
    await openStorefront();

    await checkout({ items: [['CB-005', 1]], country: 'AQ' });
    await settlesAs('FAILED');

    expect(await page.textContent('#order-failure')).toContain('No carrier serves AQ');
  });

  it('offers cancelling while the order may be cancelled, and follows it to CANCELLED', async () => {
    await openStorefront('bob');

    await checkout({ items: [['CB-005', 1]], line2: 'SANDBOX PAUSE ConfirmPayment' });
    await page.click('#cancel-order');
    await page.waitForSelector('#cancel-order', { state: 'hidden' });
    await settlesAs('CANCELLED');

    expect(await texts('#order-timeline li')).toEqual([
      expect.stringMatching(/^PENDING at /),
      expect.stringMatching(/^CANCELLED at /),
    ]);
    expect(apiRequests).toEqual(expect.arrayContaining([expect.stringMatching(/^POST \/orders\/.+\/cancel$/)]));
  });

  it("pages through the customer's orders, newest first", async () => {
    const placed: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      placed.push((await stack.placeOrder('carol', anOrderRequest())).body.orderId as string);
    }
    // A slow network: the page counts as signed in only once it shows carol's own history.
    await openStorefront('carol', { historyDelayMs: 500 });
    const rows = historyRows;

    expect(await rows()).toEqual(placed.slice(1).reverse());
    await page.click('#older-orders');
    await page.waitForSelector('#history-page:text("page 2")');
    expect(await rows()).toEqual([placed[0]]);
    expect(await page.isHidden('#older-orders')).toBe(true);
    await page.click('#newest-orders');
    await page.waitForSelector('#history-page:text("page 1")');
    expect(await rows()).toEqual(placed.slice(1).reverse());
  });

  it("never draws an earlier customer's history over the one signed in since", async () => {
    await stack.placeOrder('bob', anOrderRequest());
    const bobsOrders = (await stack.call('GET', '/orders?limit=5', { customerId: 'bob' })).body.orders as {
      orderId: string;
    }[];
    await openStorefront();

    // alice's reload is slow; bob signs in while it is on its way and his history comes back first.
    await slowDownHistory(1_500, { once: true });
    let historyAnswers = 0;
    const bothAnswered = page.waitForResponse(
      (response) =>
        response.request().method() === 'GET' &&
        new URL(response.url()).pathname === '/orders' &&
        (historyAnswers += 1) === 2,
    );
    await page.click('#newest-orders');
    await page.selectOption('#customer', 'bob');
    await page.waitForSelector('body[data-customer="bob"]');
    await bothAnswered;
    // Time for the page to read alice's late answer and, had it kept it, draw it.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));

    expect(await historyRows()).toEqual(bobsOrders.map(({ orderId }) => orderId));
  });
});
