import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { OrderSchema } from '@order-platform/api';
import { validOrderRequest } from '@order-platform/domain/testing';
import { signLocalToken } from '@order-platform/local-cloud';
import { workflowInputFor } from '@order-platform/workflow';
import { request as httpRequest } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { forgedTokens } from './forged-tokens';
import { startLocalStack, type LocalStack } from './local-stack';

// The order API as a shop frontend meets it: real HTTP through serverless-offline with the JWT
// authorizer, the bundled handlers, the DynamoDB protocol (dynalite) and the local Step Functions
// endpoint. Start-up is the same code as `npm start`, on free ports.
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack();
}, 120_000);

afterAll(() => stack?.stop());

const call: LocalStack['call'] = (...args) => stack.call(...args);
const placeOrder: LocalStack['placeOrder'] = (...args) => stack.placeOrder(...args);
const orderCount = () => stack.orderCount();
const executionNames = async () => (await stack.listExecutions()).map((execution) => execution.name);

describe('the order API on the local stack', () => {
  it('serves the catalog to anyone', async () => {
    const { status, body } = await call('GET', '/catalog');
    expect(status).toBe(200);
    expect(body.products.map((product: { sku: string }) => product.sku).sort()).toEqual(
      DEMO_CATALOG.map((product) => product.sku).sort(),
    );
  });

  it('accepts an order, priced from the catalog, and starts its execution', async () => {
    const created = await placeOrder(
      'alice',
      validOrderRequest({ items: [{ sku: 'MN-003', quantity: 2 }], currency: 'USD' }),
    );

    expect(created.status).toBe(202);
    const order = OrderSchema.parse(created.body);
    expect(order).toMatchObject({
      customerId: 'alice',
      status: 'PENDING',
      total: { amount: 2 * 27900, currency: 'USD' },
    });
    expect(created.headers.get('location')).toBe(`/orders/${order.orderId}`);

    const fetched = await call('GET', created.headers.get('location') as string, { customerId: 'alice' });
    // The workflow has been running since: the order is the same, its status may have moved on.
    const { status: _status, payment: _payment, timeline: _timeline, updatedAt: _updatedAt, ...placed } = order;
    expect(fetched).toMatchObject({ status: 200, body: placed });

    const execution = await stack.describeExecution(order.orderId);
    expect(execution.stateMachineArn).toBe(
      'arn:aws:states:eu-west-1:000000000000:stateMachine:order-platform-local-order-workflow',
    );
    // Started through the live alias, as createOrder does on AWS.
    expect(execution.stateMachineAliasArn).toBe(
      'arn:aws:states:eu-west-1:000000000000:stateMachine:order-platform-local-order-workflow:live',
    );
    // The workflow's input, as its contract builds it from the order: nothing no state reads.
    expect(JSON.parse(execution.input ?? '{}')).toEqual(workflowInputFor(order));
  });

  it('answers another customer’s order with 404', async () => {
    const { body: order } = await placeOrder('alice');
    const { status, headers } = await call('GET', `/orders/${order.orderId}`, { customerId: 'mallory' });
    expect(status).toBe(404);
    expect(headers.get('content-type')).toContain('application/problem+json');
  });

  describe('identity', () => {
    it.each([
      ['no token', undefined],
      ['a token for another audience', signLocalToken('alice', { audience: 'someone-else' })],
      ['a token from another issuer', signLocalToken('alice', { issuer: 'https://evil.example.com/' })],
      ['an expired token', signLocalToken('alice', { expiresInSeconds: -60 })],
      ['a token that is not a JWT', 'not-a-jwt'],
      ...Object.entries(forgedTokens('alice')).map(([forgery, token]): [string, string] => [
        `a forged token (${forgery})`,
        token,
      ]),
    ] as [string, string | undefined][])('refuses %s with 401 and writes nothing', async (_, token) => {
      const before = await orderCount();
      const { status, body, headers } = await call('POST', '/orders', { token, body: validOrderRequest() });
      expect([status, body]).toEqual([401, { message: 'Unauthorized' }]);
      expect(headers.get('www-authenticate')).toMatch(/^Bearer scope="" error="invalid_token" error_description="/);
      expect(await orderCount()).toBe(before);
    });

    it('gives the handler the token’s caller, whatever sls-offline-authorizer-override claims', async () => {
      const { body: order } = await placeOrder('bob');
      const override = JSON.stringify({ jwt: { claims: { sub: 'bob' }, scopes: [] }, claims: { sub: 'bob' } });
      const read = await call('GET', `/orders/${order.orderId}`, {
        customerId: 'alice',
        headers: { 'sls-offline-authorizer-override': override },
      });
      expect(read.status).toBe(404);
    });
  });

  describe('bad input gets a clear 4xx and changes nothing', () => {
    const request = validOrderRequest();
    const withAddress = (fields: Record<string, string>) => ({
      ...request,
      shippingAddress: { ...request.shippingAddress, ...fields },
    });
    const withName = (name: string) => withAddress({ name });
    const latin1 = (body: unknown) => Buffer.from(JSON.stringify(body), 'latin1');
    const LATIN1_JSON = 'application/json; charset=latin1';
    const QUOTED_UTF16_JSON = 'application/json; charset="UTF-16"';
    it.each([
      [400, 'malformed JSON', { body: '{"items": [' }],
      [400, 'an unknown field', { body: { ...request, discount: 50 } }],
      [400, 'a wrong type', { body: { ...request, items: [{ sku: 'KB-001', quantity: 'two' }] } }],
      [422, 'an unknown SKU', { body: validOrderRequest({ items: [{ sku: 'NOPE-1', quantity: 1 }] }) }],
      [422, 'an unsupported currency', { body: validOrderRequest({ currency: 'JPY' }) }],
      [415, 'a non-JSON body', { body: 'items=1', headers: { 'content-type': 'text/plain' } }],
      [413, 'a body over 32 KiB', { body: { ...request, payment: { token: 'x'.repeat(40_000) } } }],
      [415, 'a latin1 body', { body: latin1(withName('Zoë')), headers: { 'content-type': LATIN1_JSON } }],
      [415, 'a quoted charset other than UTF-8', { body: request, headers: { 'content-type': QUOTED_UTF16_JSON } }],
      [415, 'a gzip body', { body: gzipSync(JSON.stringify(request)), headers: { 'content-encoding': 'gzip' } }],
      [415, 'a br body', { body: brotliCompressSync(JSON.stringify(request)), headers: { 'content-encoding': 'br' } }],
      [400, 'a name of NUL characters', { body: withName('\u0000\u0000') }],
      [400, 'a name of zero-width characters', { body: withName('\u200b\u200c\u200d') }],
      [400, 'a name of bidi controls', { body: withName('\u202e\u2066\u2069') }],
      [400, 'a name holding CR/LF', { body: withName('Ada\r\nLovelace') }],
      [400, 'a city holding a control character', { body: withAddress({ city: 'Lon\u001bdon' }) }],
      [400, 'an address line that is only invisible', { body: withAddress({ line1: '\u2060\ufeff' }) }],
    ])('%i for %s', async (status, _, options) => {
      const before = await orderCount();
      const starts = stack.platform.stepFunctions.startCalls;

      const response = await call('POST', '/orders', { customerId: 'alice', ...options });

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status, type: expect.stringMatching(/^urn:order-platform:problem:/) });
      expect(await orderCount()).toBe(before);
      expect(stack.platform.stepFunctions.startCalls).toBe(starts);
    });

    it('says which Content-Type, charset and coding it takes', async () => {
      const latin = await call('POST', '/orders', {
        customerId: 'alice',
        body: latin1(withName('Zoë')),
        headers: { 'content-type': LATIN1_JSON },
      });
      expect(latin.body.detail).toBe(`Content-Type must be application/json with charset UTF-8, not ${LATIN1_JSON}.`);
      expect(latin.headers.get('accept-encoding')).toBeNull();

      const gzip = await call('POST', '/orders', {
        customerId: 'alice',
        body: gzipSync(JSON.stringify(request)),
        headers: { 'content-encoding': 'gzip' },
      });
      expect(gzip.body.detail).toBe('Content-Encoding gzip is not supported: send the body uncompressed.');
      expect(gzip.headers.get('accept-encoding')).toBe('identity');
    });

    it('names the free-text field that has no visible character or holds a control character', async () => {
      const { status, body } = await placeOrder('alice', withAddress({ name: '\u200b', line1: '12\nAnalytical Way' }));
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        { path: '/shippingAddress/name', message: 'Must contain a visible character' },
        { path: '/shippingAddress/line1', message: 'Must not contain control characters or line breaks' },
      ]);
    });

    it('still takes a name whose script needs a zero-width joiner', async () => {
      const { status, body } = await placeOrder('alice', withName('می\u200cخواهم'));
      expect(status).toBe(202);
      expect(body.shippingAddress.name).toBe('می\u200cخواهم');
    });

    it('names every invalid field and says in English what is wrong with it', async () => {
      const { body } = await placeOrder('alice', {
        ...request,
        shippingMethod: 'SLOW',
        shippingAddress: { ...request.shippingAddress, country: 'ZZ' },
      });
      expect(body.errors).toEqual([
        { path: '/shippingMethod', message: 'Invalid option: expected one of "STANDARD"|"EXPRESS"' },
        { path: '/shippingAddress/country', message: expect.stringMatching(/^Invalid option: expected one of "AD"\|/) },
      ]);
    });
  });

  describe('idempotency', () => {
    it('turns ten concurrent duplicates into one order and one execution', async () => {
      const before = await orderCount();

      const responses = await Promise.all(
        Array.from({ length: 10 }, () => placeOrder('dora', validOrderRequest(), { 'Idempotency-Key': 'checkout-1' })),
      );

      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(202));
      const orderIds = new Set(responses.map((response) => response.body.orderId));
      expect(orderIds.size).toBe(1);
      expect(await orderCount()).toBe(before + 1);
      expect((await executionNames()).filter((name) => orderIds.has(name))).toHaveLength(1);
    });

    it('answers the same key with another body with 409', async () => {
      await placeOrder('erin', validOrderRequest(), { 'Idempotency-Key': 'checkout-2' });
      const conflict = await placeOrder('erin', validOrderRequest({ shippingMethod: 'EXPRESS' }), {
        'Idempotency-Key': 'checkout-2',
      });
      expect(conflict.status).toBe(409);
    });
  });

  describe('when Step Functions is down', () => {
    // The SDK retries a 500 twice, so three failures make one request fail.
    const outage = () => stack.platform.stepFunctions.failNextStarts(3);
    afterEach(() => stack.platform.stepFunctions.failNextStarts(0));

    it('keeps a keyed order and finishes placing it when the client retries with the same key', async () => {
      const before = await orderCount();
      outage();

      const failed = await placeOrder('gina', validOrderRequest(), { 'Idempotency-Key': 'checkout-3' });

      expect(failed.status).toBe(503);
      expect(failed.headers.get('retry-after')).toBe('1');
      expect(await orderCount()).toBe(before + 1);

      const retried = await placeOrder('gina', validOrderRequest(), { 'Idempotency-Key': 'checkout-3' });

      expect(retried.status).toBe(202);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      expect(await executionNames()).toContain(retried.body.orderId);
      expect(await orderCount()).toBe(before + 1);
    });

    it('places nothing for a keyless order, so a retry cannot duplicate it', async () => {
      const before = await orderCount();
      outage();

      const failed = await placeOrder('hank');

      expect(failed.status).toBe(503);
      expect(failed.body.detail).toContain('was not placed');
      expect(await orderCount()).toBe(before);
      expect((await call('GET', '/orders', { customerId: 'hank' })).body.orders).toEqual([]);
    });
  });

  describe('listing', () => {
    it('pages through the caller’s orders newest first', async () => {
      const placed: string[] = [];
      for (let i = 0; i < 5; i += 1) placed.push((await placeOrder('frank')).body.orderId);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
        const { status, body } = await call('GET', `/orders${query}`, { customerId: 'frank' });
        expect(status).toBe(200);
        seen.push(...body.orders.map((order: { orderId: string }) => order.orderId));
        cursor = body.nextCursor;
      } while (cursor);

      expect(seen).toEqual(placed.reverse());
    });

    const cursorOf = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');
    it.each([
      ['forged', 'Zm9yZ2Vk'],
      ['with an empty order id', cursorOf({ orderId: '', createdAt: '2026-11-21T10:00:00.000Z' })],
      ['with a date that is not an ISO instant', cursorOf({ orderId: 'order-1', createdAt: '1' })],
    ])('answers a cursor %s with 400', async (_, cursor) => {
      const { status, headers, body } = await call('GET', `/orders?cursor=${cursor}`, { customerId: 'frank' });
      expect(status).toBe(400);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body.errors).toEqual([expect.objectContaining({ path: '/cursor' })]);
    });
  });

  describe('as API Gateway, not serverless-offline', () => {
    it('hands the handler a body without Content-Type as it came: 415, and nothing is written', async () => {
      const before = await orderCount();
      const starts = stack.platform.stepFunctions.startCalls;
      // fetch adds no Content-Type to a byte body (it would add text/plain to a string).
      const response = await fetch(`${stack.platform.apiUrl}/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${signLocalToken('alice')}` },
        body: Buffer.from(JSON.stringify(validOrderRequest())),
      });
      expect(response.status).toBe(415);
      expect(await orderCount()).toBe(before);
      expect(stack.platform.stepFunctions.startCalls).toBe(starts);
    });

    it('answers 404 Not Found for a path no route declares, Lambda’s invoke API among them', async () => {
      const invoke = await call('POST', '/2015-03-31/functions/order-platform-local-listOrders/invocations', {
        body: { requestContext: { authorizer: { jwt: { claims: { sub: 'bob' } } } } },
      });
      expect([invoke.status, invoke.body]).toEqual([404, { message: 'Not Found' }]);
      expect((await call('GET', '/orders/', { customerId: 'alice' })).status).toBe(404);
    });
  });

  describe('what the local stack lets in', () => {
    /** A request with any Host and headers, as a DNS-rebinding page or a browser sends it. */
    const raw = (endpoint: string, method: string, path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const { hostname, port } = new URL(endpoint);
        const outgoing = httpRequest({ host: hostname, port, method, path, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        });
        outgoing.on('error', reject);
        outgoing.end(method === 'POST' ? '{}' : undefined);
      });
    const invocation = '/2015-03-31/functions/order-platform-local-getCatalog/invocations';

    it('the HTTP API and Lambda’s invoke API refuse any Host but their own loopback address', async () => {
      for (const [endpoint, method, path] of [
        [stack.platform.apiUrl, 'GET', '/catalog'],
        [stack.platform.lambdaEndpoint, 'POST', invocation],
      ] as const) {
        const { port } = new URL(endpoint);
        const refused = await raw(endpoint, method, path, { host: `rebound.example:${port}` });
        expect([endpoint, refused.status]).toEqual([endpoint, 403]);
        expect(JSON.parse(refused.body).message).toMatch(/not this local service's own address/);
        expect([endpoint, (await raw(endpoint, method, path, { host: `localhost:${port}` })).status]).toEqual([
          endpoint,
          200,
        ]);
      }
    });

    it('Lambda’s invoke API serves a program and refuses a web page', async () => {
      const fromPage = await raw(stack.platform.lambdaEndpoint, 'POST', invocation, {
        origin: 'http://localhost:5173',
      });
      expect(fromPage.status).toBe(403);
      const invoked = await raw(stack.platform.lambdaEndpoint, 'POST', invocation, {});
      expect(JSON.parse(invoked.body)).toMatchObject({ statusCode: 200 });
    });
  });

  describe('browsers, answered as API Gateway answers with the stage’s CORS configuration', () => {
    const shop = 'http://localhost:5173';
    const elsewhere = 'https://evil.example.com';
    /** Every Access-Control-* header of an answer, each as it came (a repeated header would show). */
    const corsOf = (headers: Headers) =>
      Object.fromEntries([...headers].filter(([name]) => name.startsWith('access-control-')));
    const preflight = (origin: string) =>
      fetch(`${stack.platform.apiUrl}/orders`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });

    it('lets an allowed shop origin send the API headers, and nothing to any other origin', async () => {
      const fromShop = await preflight(shop);
      expect(fromShop.status).toBe(204);
      expect(corsOf(fromShop.headers)).toEqual({
        'access-control-allow-origin': shop,
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-headers': 'Authorization,Content-Type,Idempotency-Key',
        'access-control-max-age': '600',
      });
      const fromElsewhere = await preflight(elsewhere);
      expect([fromElsewhere.status, corsOf(fromElsewhere.headers)]).toEqual([204, {}]);
    });

    it('lets an allowed origin read an answer and its Location, each exposed header once', async () => {
      const catalog = await call('GET', '/catalog', { headers: { origin: shop } });
      const placed = await placeOrder('alice', validOrderRequest(), { origin: shop });
      expect([catalog.status, placed.status]).toEqual([200, 202]);
      for (const { headers } of [catalog, placed]) {
        expect(corsOf(headers)).toEqual({
          'access-control-allow-origin': shop,
          'access-control-expose-headers': 'Location,Idempotent-Replayed',
        });
      }
    });

    it('gives any other origin the answer with no CORS header, so its page cannot read it', async () => {
      const catalog = await call('GET', '/catalog', { headers: { origin: elsewhere } });
      const placed = await placeOrder('alice', validOrderRequest(), { origin: elsewhere });
      expect([catalog.status, placed.status]).toEqual([200, 202]);
      expect([corsOf(catalog.headers), corsOf(placed.headers)]).toEqual([{}, {}]);
    });
  });
});
