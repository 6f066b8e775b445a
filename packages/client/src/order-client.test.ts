import { anOrder } from '@order-platform/domain/testing';
import {
  IdempotencyKeyReusedError,
  OrderApiError,
  OrderNotCancellableError,
  OrderNotFoundError,
  OrderWaitTimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
  WorkflowUnavailableError,
} from './errors';
import { createOrderClient, type OrderClientOptions } from './order-client';
import { anOrderRequest, startTestServer, type ScriptedAnswer, type SeenRequest, type TestServer } from './testing';
import type { Order, OrderStatus } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** An order as the API sends it (JSON), in `status`. */
const wireOrder = (status: OrderStatus = 'PENDING', overrides: Partial<Order> = {}): Order => ({
  ...(JSON.parse(JSON.stringify(anOrder({ status }))) as Order),
  ...overrides,
});

const problem = (status: number, slug: string, extra: object = {}): ScriptedAnswer => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: { type: `urn:order-platform:problem:${slug}`, title: slug, status, detail: `${slug} detail`, ...extra },
});

let server: TestServer | undefined;
const sleeps: number[] = [];

/** A client of a test server that answers with `answer`; its waits are recorded, not slept. */
const clientAnswering = async (
  answer: (request: SeenRequest, index: number) => ScriptedAnswer,
  options: Partial<OrderClientOptions> = {},
) => {
  server = await startTestServer(answer);
  const client = createOrderClient({
    baseUrl: server.baseUrl,
    token: 'customer-token',
    clock: { sleep: async (ms) => void sleeps.push(ms) },
    ...options,
  });
  return { client, requests: server.requests };
};

afterEach(async () => {
  await server?.stop();
  server = undefined;
  sleeps.length = 0;
});

describe('placeOrder', () => {
  it('posts the order as JSON with the bearer token and a fresh UUID Idempotency-Key, and returns the placed order', async () => {
    const placed = wireOrder();
    const { client, requests } = await clientAnswering(() => ({ status: 202, body: placed }));

    const first = await client.placeOrder(anOrderRequest());
    await client.placeOrder(anOrderRequest());

    expect(first).toEqual(placed);
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/orders' });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(anOrderRequest());
    expect(requests[0]?.headers).toMatchObject({
      authorization: 'Bearer customer-token',
      'content-type': 'application/json',
      'idempotency-key': expect.stringMatching(UUID),
    });
    expect(requests[1]?.headers['idempotency-key']).not.toBe(requests[0]?.headers['idempotency-key']);
  });

  it('sends the Idempotency-Key it is given', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 202, body: wireOrder() }));

    await client.placeOrder(anOrderRequest(), { idempotencyKey: 'checkout-42' });

    expect(requests[0]?.headers['idempotency-key']).toBe('checkout-42');
  });

  it('retries a 503 after its Retry-After with the same Idempotency-Key and body', async () => {
    const placed = wireOrder();
    const { client, requests } = await clientAnswering((_, index) =>
      index < 2
        ? { ...problem(503, 'workflow-unavailable'), headers: { 'retry-after': '2' } }
        : { status: 202, body: placed },
    );

    await expect(client.placeOrder(anOrderRequest())).resolves.toEqual(placed);

    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.headers['idempotency-key'])).size).toBe(1);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('gives up after the last attempt with the typed error of the last answer', async () => {
    const { client, requests } = await clientAnswering(
      () => ({ status: 429, body: { message: 'Too Many Requests' } }),
      {
        retry: { maxAttempts: 2 },
      },
    );

    const failure = client.placeOrder(anOrderRequest());

    await expect(failure).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(failure).rejects.toMatchObject({ status: 429, message: 'Too Many Requests' });
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([250]);
  });

  it('does not wait longer than maxDelayMs: a longer Retry-After is answered at once', async () => {
    const { client, requests } = await clientAnswering(() => ({
      ...problem(503, 'workflow-unavailable'),
      headers: { 'retry-after': '60' },
    }));

    await expect(client.placeOrder(anOrderRequest())).rejects.toBeInstanceOf(WorkflowUnavailableError);
    expect(requests).toHaveLength(1);
  });

  it('retries a request that got no answer, with the same Idempotency-Key', async () => {
    const keys: (string | null)[] = [];
    const placed = wireOrder();
    const client = createOrderClient({
      baseUrl: 'http://shop.invalid',
      clock: { sleep: async (ms) => void sleeps.push(ms) },
      fetch: async (request) => {
        keys.push(request.headers.get('idempotency-key'));
        if (keys.length === 1) throw new TypeError('fetch failed');
        return Response.json(placed, { status: 202 });
      },
    });

    await expect(client.placeOrder(anOrderRequest())).resolves.toEqual(placed);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('turns a reused key into IdempotencyKeyReusedError and a refused body into ValidationError with its fields', async () => {
    const errors = [{ path: 'items', message: 'Too small' }];
    const { client } = await clientAnswering((_, index) =>
      index === 0 ? problem(409, 'idempotency-key-reused') : problem(400, 'validation-error', { errors }),
    );

    await expect(client.placeOrder(anOrderRequest())).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    const refused = await client.placeOrder(anOrderRequest()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({ status: 400, errors, message: 'validation-error detail' });
  });
});

describe('getOrder', () => {
  it('reads the order by id', async () => {
    const order = wireOrder('PROCURED');
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: order }));

    await expect(client.getOrder(order.orderId)).resolves.toEqual(order);
    expect(requests[0]).toMatchObject({ method: 'GET', url: `/orders/${order.orderId}` });
  });

  it('throws OrderNotFoundError, with the problem, for an unknown order', async () => {
    const { client } = await clientAnswering(() => problem(404, 'order-not-found'));

    await expect(client.getOrder('missing')).rejects.toMatchObject({
      name: 'OrderNotFoundError',
      status: 404,
      type: 'urn:order-platform:problem:order-not-found',
    });
    await expect(client.getOrder('missing')).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it("throws UnauthorizedError for API Gateway's own 401, which is not problem+json", async () => {
    const { client } = await clientAnswering(() => ({ status: 401, body: { message: 'Unauthorized' } }));

    const refused = client.getOrder('any');

    await expect(refused).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(refused).rejects.toMatchObject({ status: 401, message: 'Unauthorized', problem: undefined });
  });

  it('asks the token function for the current token on every request', async () => {
    const tokens = ['first', 'second'];
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: wireOrder() }), {
      token: () => tokens.shift(),
    });

    await client.getOrder('a');
    await client.getOrder('a');
    await client.getOrder('a');

    expect(requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer first',
      'Bearer second',
      undefined,
    ]);
  });
});

describe('listOrders', () => {
  it('iterates over the pages, passing each nextCursor and the limit on', async () => {
    const pages = [
      { orders: [wireOrder('DISPATCHED')], nextCursor: 'page-2' },
      { orders: [wireOrder('FAILED')], nextCursor: 'page-3' },
      { orders: [] },
    ];
    const { client, requests } = await clientAnswering((_, index) => ({ status: 200, body: pages[index] }));

    const seen = [];
    for await (const page of client.listOrders({ limit: 1 })) seen.push(page);

    expect(seen).toEqual(pages);
    expect(requests.map((request) => request.url)).toEqual([
      '/orders?limit=1',
      '/orders?limit=1&cursor=page-2',
      '/orders?limit=1&cursor=page-3',
    ]);
  });

  it('starts at the cursor it is given, and stops when the caller does', async () => {
    const { client, requests } = await clientAnswering(() => ({
      status: 200,
      body: { orders: [], nextCursor: 'more' },
    }));

    for await (const page of client.listOrders({ cursor: 'from-here' })) {
      expect(page.nextCursor).toBe('more');
      break;
    }

    expect(requests.map((request) => request.url)).toEqual(['/orders?cursor=from-here']);
  });
});

describe('cancelOrder', () => {
  it('posts to the order’s cancel route and returns the order with its cancellation', async () => {
    const order = wireOrder('PENDING', {
      cancellation: { requestedAt: '2026-12-01T10:00:00.000Z', requestedBy: 'customer' },
    });
    const { client, requests } = await clientAnswering(() => ({ status: 202, body: order }));

    await expect(client.cancelOrder(order.orderId)).resolves.toEqual(order);
    expect(requests[0]).toMatchObject({ method: 'POST', url: `/orders/${order.orderId}/cancel` });
  });

  it('throws OrderNotCancellableError once the order is on its way', async () => {
    const { client } = await clientAnswering(() => problem(409, 'order-not-cancellable'));

    await expect(client.cancelOrder('shipped')).rejects.toBeInstanceOf(OrderNotCancellableError);
  });
});

describe('waitForOrder', () => {
  it('reads until a terminal status, telling each change once', async () => {
    const statuses: OrderStatus[] = ['PENDING', 'PENDING', 'PAYMENT_CONFIRMED', 'DISPATCHED'];
    const { client, requests } = await clientAnswering((_, index) => ({
      status: 200,
      body: wireOrder(statuses[index]),
    }));
    const changes: OrderStatus[] = [];

    const settled = await client.waitForOrder('o-1', {
      intervalMs: 100,
      onChange: (order) => changes.push(order.status),
    });

    expect(settled.status).toBe('DISPATCHED');
    expect(requests).toHaveLength(4);
    expect(changes).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'DISPATCHED']);
    expect(sleeps).toEqual([100, 100, 100]);
  });

  it('gives up with OrderWaitTimeoutError, saying the last status, once the timeout has passed', async () => {
    let time = 0;
    const { client } = await clientAnswering(() => ({ status: 200, body: wireOrder('PROCURED') }), {
      clock: { sleep: async (ms) => void (time += ms), now: () => time },
    });

    const failure = client.waitForOrder('o-1', { timeoutMs: 1000, intervalMs: 400 });

    await expect(failure).rejects.toBeInstanceOf(OrderWaitTimeoutError);
    await expect(failure).rejects.toMatchObject({ orderId: 'o-1', lastStatus: 'PROCURED' });
    expect(time).toBe(800);
  });

  it('stops with the abort reason when its signal is aborted', async () => {
    server = await startTestServer(() => ({ status: 200, body: wireOrder('PENDING') }));
    const client = createOrderClient({ baseUrl: server.baseUrl });
    const controller = new AbortController();
    const reason = new Error('the shopper left the page');

    const waiting = client.waitForOrder('o-1', {
      intervalMs: 10_000,
      signal: controller.signal,
      onChange: () => controller.abort(reason),
    });

    await expect(waiting).rejects.toBe(reason);
  });
});

describe('getCatalog', () => {
  it('returns the products with their prices per currency', async () => {
    const catalog = { products: [{ sku: 'SKU-1', name: 'Mug', unitPrices: { EUR: 1200 }, stock: 3 }] };
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: catalog }));

    await expect(client.getCatalog()).resolves.toEqual(catalog);
    expect(requests[0]).toMatchObject({ method: 'GET', url: '/catalog' });
  });

  it('turns an answer that is neither problem+json nor a gateway message into an OrderApiError with its status', async () => {
    const { client } = await clientAnswering(() => ({ status: 502, body: ['bad gateway'] }));

    await expect(client.getCatalog()).rejects.toMatchObject({ name: 'OrderApiError', status: 502 });
    await expect(client.getCatalog()).rejects.toBeInstanceOf(OrderApiError);
  });
});
