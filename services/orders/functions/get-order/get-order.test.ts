import { anOrder } from '@order-platform/domain/testing';
import { anHttpEvent } from '@order-platform/http/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { Context } from 'aws-lambda';
import { inMemoryOrderRepository } from '../../src/in-memory-adapters';
import { bodyOf } from '../../src/testing';
import { getOrderHandler } from './get-order';

describe('GET /orders/{orderId}', () => {
  const orders = inMemoryOrderRepository();
  const handler = getOrderHandler({ orders });
  const mine = anOrder({ customerId: 'alice' });
  const get = (orderId: string, customerId = 'alice') =>
    handler(anHttpEvent({ customerId, pathParameters: { orderId } }), {} as Context);

  beforeAll(() => orders.insert({ order: mine, paymentToken: 'tok_visa', requestFingerprint: 'f' }));

  it('returns the caller’s own order without private fields', async () => {
    const result = await get(mine.orderId);
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual(mine);
  });

  it('answers 404 for an order that does not exist', async () => {
    const result = await get('no-such-order');
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
  });

  it('answers another customer’s order exactly like a missing one', async () => {
    const theirs = await get(mine.orderId, 'mallory');
    const missing = await get('no-such-order', 'mallory');
    expect(theirs.statusCode).toBe(404);
    expect({ ...bodyOf(theirs), detail: undefined }).toEqual({ ...bodyOf(missing), detail: undefined });
    expect(theirs.body).not.toContain('alice');
  });

  it('names the order and its execution on every line it logs', async () => {
    const logs = recordingLogs();
    const logged = getOrderHandler({ orders, loggerFor: logs.loggerFor });

    await logged(anHttpEvent({ customerId: 'alice', pathParameters: { orderId: mine.orderId } }), {} as Context);
    await logged(anHttpEvent({ customerId: 'mallory', pathParameters: { orderId: mine.orderId } }), {} as Context);

    expect(logs.lines.map((line) => line.statusCode)).toEqual([200, 404]);
    for (const line of logs.lines) expect(line).toMatchObject({ orderId: mine.orderId, executionName: mine.orderId });
  });

  it('answers 404, not 500, for an absurdly long id', async () => {
    expect((await get('x'.repeat(5000))).statusCode).toBe(404);
  });
});
