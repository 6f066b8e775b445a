import { buildExecutionReader, type ExecutionReport } from '@order-platform/ops';
import { validOrderRequest } from '@order-platform/domain/testing';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { pixelsOfColour } from '../support/screenshots';
import { REPO_ROOT } from '@order-platform/local-cloud';
import { COMPENSATED_AND_ALERTED, HAPPY_PATH } from '@order-platform/workflow/testing';
import { eventually, startLocalStack, type LocalStack } from './local-stack';

// The ops console as an operator uses it: the local stack runs three real orders (approved,
// declined, out of stock), and Debian's Chromium, driven by playwright-core, reads the console
// page: the executions and their status, each one's path on the workflow graph and its timeline,
// the alerts, and a status changing while the page is open.

const CHROMIUM = '/usr/bin/chromium';
// Playwright already passes --headless, --no-sandbox, --disable-background-networking,
// --disable-component-update, --no-first-run, --disable-sync and a fresh --user-data-dir. These
// are the rest of what a machine with no GPU and a closed network needs.
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic'];
/** Where a human can look at what the browser drew (gitignored). */
const SCREENSHOTS = join(REPO_ROOT, '.local', 'ops-console');

// The fills console.css gives a failed state and a compensation state (sRGB: Playwright forces it).
const FAILED_RED = [0xd9, 0x2d, 0x20] as const;
const COMPENSATION_AMBER = [0xfd, 0xb0, 0x22] as const;
/** Pixels of one state box's fill at this viewport, its name left out: about 3,000. */
const ONE_STATE_BOX = 2_000;

let stack: LocalStack;
let browser: Browser;
let page: Page;
let orders: Record<'approved' | 'declined' | 'soldOut' | 'undeliverable', { orderId: string; report: ExecutionReport }>;

// Placing the orders and waiting for their executions takes seconds; the page polls every second.

const launchDebianChromium = () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The console test drives Debian's Chromium at ${CHROMIUM}: install Debian's chromium: apt-get install chromium`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
};

const placeOrder = async (body: unknown): Promise<string> => {
  const placed = await stack.placeOrder('olivia', body);
  expect(placed.status).toBe(202);
  return placed.body.orderId as string;
};

/** Places an order and waits for its execution to close; answers the report ops would read. */
const placeAndFinish = async (body: unknown) => {
  const orderId = await placeOrder(body);
  await eventually(
    () => stack.describeExecution(orderId),
    (execution) => execution.status !== 'RUNNING',
    `execution ${orderId} closing`,
  );
  const reader = buildExecutionReader(stack.sfn, stack.platform.stateMachineArn);
  return { orderId, report: await reader.report(orderId) };
};

const executionRow = (orderId: string, status?: string) =>
  `tr.execution-row[data-order-id="${orderId}"]${status ? `[data-status="${status}"]` : ''}`;

/** Clicks the execution's row and waits for its detail: summary, graph colours and timeline. */
const openExecution = async (orderId: string) => {
  await page.click(`${executionRow(orderId)} a`);
  await page.waitForSelector(`#detail[data-order-id="${orderId}"]`);
};

/** The class of every state on the graph, by state name. */
const graphClasses = async (): Promise<Record<string, string>> =>
  Object.fromEntries(
    await page
      .locator('#workflow-graph g.state')
      .evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-state'), node.getAttribute('class')])),
  );

const statesClassed = (classes: Record<string, string>, highlight: string) =>
  Object.entries(classes)
    .filter(([, value]) => value.split(' ').includes(highlight))
    .map(([name]) => name)
    .sort();

/** The timeline's rows as the report's states: name, phase, outcome, attempts. */
const timelineRows = () =>
  page
    .locator('#timeline tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute('data-state'),
        row.getAttribute('data-phase'),
        row.getAttribute('data-outcome'),
      ]),
    );

const reportRows = (report: ExecutionReport) => report.states.map((state) => [state.name, state.phase, state.outcome]);

const distinctColours = (png: PNG) => {
  const colours = new Set<number>();
  for (let offset = 0; offset < png.data.length; offset += 4) colours.add(png.data.readUInt32BE(offset));
  return colours.size;
};

const screenshotOfGraph = async (name: string) => {
  const image = await page.locator('#workflow-graph').screenshot();
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, `${name}.png`), image);
  return PNG.sync.read(image);
};

beforeAll(async () => {
  // The workflow's steps log their failures, as on Lambda; the assertions say what matters.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  browser = await launchDebianChromium();
  stack = await startLocalStack();
  const [approved, declined, soldOut, undeliverable] = await Promise.all([
    placeAndFinish(validOrderRequest()),
    placeAndFinish(validOrderRequest({ payment: { token: 'tok_declined' } })),
    // The catalog has 3 of LT-006.
    placeAndFinish(validOrderRequest({ items: [{ sku: 'LT-006', quantity: 5 }] })),
    // No carrier ships to Antarctica: BookShipment fails and the order is compensated.
    placeAndFinish(validOrderRequest({ shippingAddress: { ...validOrderRequest().shippingAddress, country: 'AQ' } })),
  ]);
  orders = { approved, declined, soldOut, undeliverable };
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(stack.platform.consoleUrl);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the ops console on the local stack', () => {
  it('lists the approved, declined, sold-out and undeliverable executions with their final status', async () => {
    const expected = [
      [orders.approved.orderId, 'SUCCEEDED'],
      // A declined payment and a sold-out order are answers: the workflow succeeds.
      [orders.declined.orderId, 'SUCCEEDED'],
      [orders.soldOut.orderId, 'SUCCEEDED'],
      [orders.undeliverable.orderId, 'FAILED'],
    ];
    for (const [orderId, status] of expected) await page.waitForSelector(executionRow(orderId as string, status));

    const rows = await page
      .locator('tr.execution-row')
      .evaluateAll((found) =>
        found.map((row) => [row.getAttribute('data-order-id'), row.querySelector('[data-cell=status]')?.textContent]),
      );
    expect(rows).toEqual(expect.arrayContaining(expected));
  });

  it('approved: every state on the dispatched path is visited, none failed, nothing compensated', async () => {
    await openExecution(orders.approved.orderId);

    const classes = await graphClasses();
    expect(statesClassed(classes, 'visited')).toEqual([...HAPPY_PATH].sort());
    expect(statesClassed(classes, 'failed')).toEqual([]);
    expect(statesClassed(classes, 'compensation')).toEqual([]);
    expect(classes.OrderDeclined).toBe('state not-run');
    expect(await timelineRows()).toEqual(reportRows(orders.approved.report));
    expect(await page.textContent('#execution-summary [data-fact=status]')).toContain('SUCCEEDED');

    const graph = await screenshotOfGraph('approved');
    expect(pixelsOfColour(graph, FAILED_RED)).toBe(0);
    expect(pixelsOfColour(graph, COMPENSATION_AMBER)).toBe(0);
  });

  it('declined: the decline is recorded, the order ends there, nothing is compensated', async () => {
    await openExecution(orders.declined.orderId);

    const classes = await graphClasses();
    expect(statesClassed(classes, 'visited')).toEqual(['ConfirmPayment', 'IsPaymentAuthorized', 'OrderDeclined']);
    expect(classes.OrderDeclined).toBe('state visited');
    expect(statesClassed(classes, 'compensation')).toEqual([]);
    expect(statesClassed(classes, 'failed')).toEqual([]);
    expect(classes.ProcureOrder).toBe('state container not-run');
    expect(await timelineRows()).toEqual(reportRows(orders.declined.report));
  });

  it('undeliverable: BookShipment failed in red, the compensation in amber, in the DOM and in the pixels', async () => {
    await openExecution(orders.undeliverable.orderId);

    const classes = await graphClasses();
    expect(classes.BookShipment).toBe('state failed');
    expect(classes.ProcureOrder).toBe('state container visited');
    for (const undo of ['ReleaseStock', 'VoidInvoice', 'VoidOrRefundPayment'])
      expect(classes[undo]).toBe('state compensation');
    expect(statesClassed(classes, 'compensation')).toEqual(['DispatchFailed', ...COMPENSATED_AND_ALERTED].sort());
    expect(classes.StockNotReserved).toBe('state not-run');

    expect(await timelineRows()).toEqual(reportRows(orders.undeliverable.report));
    const bookShipment = page.locator('#timeline tbody tr[data-state=BookShipment]');
    expect(await bookShipment.getAttribute('data-outcome')).toBe('failed');
    expect(await bookShipment.locator('.error').textContent()).toContain('NoCarrierAvailable: No carrier serves AQ');
    expect(await page.textContent('#execution-summary [data-fact=failed-state]')).toContain('BookShipment');
    expect(await page.textContent('#execution-summary [data-fact=execution-error]')).toContain('NoCarrierAvailable');

    const graph = await screenshotOfGraph('undeliverable');
    await page.screenshot({ path: join(SCREENSHOTS, 'undeliverable-page.png'), fullPage: true });
    // Not blank: a drawing, with text and edges, not one flat colour.
    expect(distinctColours(graph)).toBeGreaterThan(50);
    expect(pixelsOfColour(graph, FAILED_RED)).toBeGreaterThan(ONE_STATE_BOX);
    expect(pixelsOfColour(graph, COMPENSATION_AMBER)).toBeGreaterThan(3 * ONE_STATE_BOX);
  });

  it('lists the undeliverable order’s alert, and none for the sold-out one: subject, order, failed step and error', async () => {
    const alert = page.locator(`#alerts li.alert[data-order-id="${orders.undeliverable.orderId}"]`);
    await alert.waitFor();

    expect(await alert.locator('.alert-subject').textContent()).toBe(
      `Order ${orders.undeliverable.orderId} failed at BookShipment`,
    );
    expect(await alert.locator('[data-field=order] .value').textContent()).toBe(orders.undeliverable.orderId);
    expect(await alert.locator('[data-field=step] .value').textContent()).toBe('BookShipment');
    expect(await alert.locator('[data-field=error] .value').textContent()).toBe('NoCarrierAvailable');
    // The Lambda error's message, not the runtime's JSON with its stack trace.
    expect(await alert.locator('[data-field=cause] .value').textContent()).toBe(
      'No carrier serves AQ at service level STANDARD',
    );
    expect(await page.locator('#alerts li.alert').count()).toBe(1);
  });

  it('shows a running execution turn SUCCEEDED without a reload', async () => {
    await page.evaluate(() => Object.assign(globalThis, { loadedBeforeTheseOrders: true }));
    // The local stack holds the order at ConfirmPayment until the page has shown it RUNNING: the
    // page, polling every second, cannot miss it, whatever the machine's load.
    const release = stack.platform.holdExecutionsBefore('ConfirmPayment');
    let orderId: string;
    try {
      orderId = await placeOrder(validOrderRequest());
      await page.waitForSelector(executionRow(orderId, 'RUNNING'), { timeout: 10_000 });
    } finally {
      release();
    }
    await page.waitForSelector(executionRow(orderId, 'SUCCEEDED'), { timeout: 30_000 });

    expect(await page.evaluate(() => 'loadedBeforeTheseOrders' in globalThis)).toBe(true);
    expect(await page.textContent(`${executionRow(orderId)} [data-cell=status]`)).toBe('SUCCEEDED');
  });
});
