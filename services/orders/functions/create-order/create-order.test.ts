import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { OrderSchema } from '@order-platform/api';
import { validOrderRequest } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { Context } from 'aws-lambda';
import { inMemoryCatalog, inMemoryOrderRepository, recordingWorkflow } from '../../src/in-memory-adapters';
import { bodyOf, postOrderEvent } from '../../src/testing';
import { createOrderHandler } from './create-order';

const context = {} as Context;

const setup = () => {
  const orders = inMemoryOrderRepository();
  const workflow = recordingWorkflow();
  const logs = recordingLogs();
  const handler = createOrderHandler({
    orders,
    workflow,
    catalog: inMemoryCatalog(DEMO_CATALOG),
    clock: () => new Date('2026-11-21T10:00:00.000Z'),
    newOrderId: () => 'order-1',
    stage: 'test',
    loggerFor: logs.loggerFor,
  });
  return { orders, workflow, logs, post: (event: ReturnType<typeof postOrderEvent>) => handler(event, context) };
};

const withoutHeader = (event: ReturnType<typeof postOrderEvent>, name: string) => {
  delete event.headers[name];
  return event;
};

describe('POST /orders', () => {
  it('accepts the order with 202, its location, and the order as the API documents it', async () => {
    const { post, workflow } = setup();

    const result = await post(postOrderEvent());

    expect(result.statusCode).toBe(202);
    expect(result.headers).toMatchObject({ location: '/orders/order-1', 'content-type': 'application/json' });
    const order = OrderSchema.parse(bodyOf(result));
    expect(order).toMatchObject({ customerId: 'customer-1', status: 'PENDING', payment: { status: 'PENDING' } });
    expect(bodyOf(result)).not.toHaveProperty('paymentToken');
    expect(workflow.starts).toHaveLength(1);
  });

  it('counts a new order in the OrdersAccepted metric on a line naming the order and its execution', async () => {
    const { post, logs } = setup();

    await post(postOrderEvent());

    const accepted = logs.lines.filter((line) => line.message === 'Order accepted');
    expect(accepted).toEqual([
      expect.objectContaining({
        orderId: 'order-1',
        executionName: 'order-1',
        customerId: 'customer-1',
        stage: 'test',
        OrdersAccepted: 1,
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: 'OrderPlatform', Dimensions: [['stage']] })],
        }),
      }),
    ]);
    expect(logs.lines.at(-1)).toMatchObject({ message: 'Request answered', statusCode: 202, orderId: 'order-1' });
  });

  it('does not count a replayed order again', async () => {
    const { post, logs } = setup();
    const keyed = () => postOrderEvent({ headers: { 'Idempotency-Key': 'cart-7' } });

    await post(keyed());
    await post(keyed());

    expect(logs.lines.filter((line) => 'OrdersAccepted' in line)).toHaveLength(1);
    expect(logs.lines.filter((line) => line.message === 'Order request replayed')).toHaveLength(1);
  });

  it('answers a replayed Idempotency-Key with the same order, marked as a replay', async () => {
    const { post, orders } = setup();
    const keyed = () => postOrderEvent({ headers: { 'Idempotency-Key': 'cart-7' } });

    const first = await post(keyed());
    const second = await post(keyed());

    expect(second.statusCode).toBe(202);
    expect(bodyOf(second)).toEqual(bodyOf(first));
    expect(second.headers?.['idempotent-replayed']).toBe('true');
    expect(orders.stored.size).toBe(1);
  });

  it('answers 409 for a reused key with another body', async () => {
    const { post } = setup();
    await post(postOrderEvent({ headers: { 'idempotency-key': 'cart-7' } }));

    const result = await post(
      postOrderEvent({ headers: { 'idempotency-key': 'cart-7' }, body: validOrderRequest({ currency: 'USD' }) }),
    );

    expect(result.statusCode).toBe(409);
    expect(bodyOf(result)).toMatchObject({ type: 'urn:order-platform:problem:idempotency-key-reused' });
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
  ])('answers 400 for an Idempotency-Key that is %s', async (_, key) => {
    const { post, orders } = setup();
    const result = await post(postOrderEvent({ headers: { 'idempotency-key': key } }));
    expect(result.statusCode).toBe(400);
    expect(orders.stored.size).toBe(0);
  });

  it('never takes a price from the client', async () => {
    const { post, orders } = setup();
    const request = validOrderRequest();
    const result = await post(postOrderEvent({ body: { ...request, total: { amount: 1, currency: 'EUR' } } }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).errors).toEqual([{ path: '/total', message: 'Unknown field' }]);
    expect(orders.stored.size).toBe(0);
  });

  describe('refuses bad input with the right status and writes nothing', () => {
    const request = validOrderRequest();
    it.each([
      [400, 'malformed JSON', postOrderEvent({ body: '{"items": [' })],
      [400, 'a JSON array', postOrderEvent({ body: [] })],
      [400, 'missing fields', postOrderEvent({ body: { items: request.items } })],
      [400, 'a string quantity', postOrderEvent({ body: { ...request, items: [{ sku: 'KB-001', quantity: '2' }] } })],
      [422, 'an unknown SKU', postOrderEvent({ body: validOrderRequest({ items: [{ sku: 'NOPE-9', quantity: 1 }] }) })],
      [422, 'an unsupported currency', postOrderEvent({ body: validOrderRequest({ currency: 'JPY' }) })],
      [415, 'a form post', postOrderEvent({ headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
      // API Gateway passes the request's headers as they came: no Content-Type means none here.
      [415, 'no Content-Type', withoutHeader(postOrderEvent(), 'content-type')],
      [415, 'a latin1 body', postOrderEvent({ headers: { 'content-type': 'application/json; charset=latin1' } })],
      [415, 'a gzip body', postOrderEvent({ headers: { 'content-encoding': 'gzip' } })],
      [
        400,
        'a name of zero-width spaces',
        postOrderEvent({ body: { ...request, shippingAddress: { ...request.shippingAddress, name: '\u200b\u200b' } } }),
      ],
      [413, 'a 33 KiB body', postOrderEvent({ body: { ...request, payment: { token: 'x'.repeat(33 * 1024) } } })],
      [401, 'a token without a subject', postOrderEvent({ customerId: null })],
    ])('%i for %s', async (status, _, event) => {
      const { post, orders, workflow } = setup();

      const result = await post(event);

      expect(result.statusCode).toBe(status);
      expect(result.headers?.['content-type']).toBe('application/problem+json');
      expect(bodyOf(result)).toMatchObject({ status });
      expect(orders.stored.size).toBe(0);
      expect(workflow.starts).toHaveLength(0);
    });
  });

  it('answers 503 with Retry-After when the workflow cannot be started, placing nothing without a key', async () => {
    const orders = inMemoryOrderRepository();
    const logs = recordingLogs();
    const handler = createOrderHandler({
      orders,
      workflow: { start: jest.fn().mockRejectedValue(new Error('ServiceUnavailable')) },
      catalog: inMemoryCatalog(DEMO_CATALOG),
      clock: () => new Date(),
      newOrderId: () => 'order-1',
      stage: 'test',
      loggerFor: logs.loggerFor,
    });

    const result = await handler(postOrderEvent(), context);

    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(bodyOf(result).detail).toContain('was not placed');
    expect(orders.stored.size).toBe(0);
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Request failed',
        orderId: 'order-1',
        executionName: 'order-1',
        error: expect.objectContaining({
          name: 'WorkflowStartError',
          cause: expect.objectContaining({ message: 'ServiceUnavailable' }),
        }),
      }),
    ]);
  });

  it('lists every invalid field in one 400', async () => {
    const { post } = setup();
    const request = validOrderRequest();
    const result = await post(
      postOrderEvent({
        body: { ...request, shippingMethod: 'DRONE', shippingAddress: { ...request.shippingAddress, country: 'GER' } },
      }),
    );
    expect(bodyOf(result).errors.map((error: { path: string }) => error.path)).toEqual([
      '/shippingMethod',
      '/shippingAddress/country',
    ]);
  });
});
