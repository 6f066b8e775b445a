import { anOrder, inMemoryOrderRepository } from '@order-platform/domain/testing';
import type { Order, StoredOrder } from '@order-platform/domain';
import { anHttpEvent } from '@order-platform/http/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import { OPS_SCOPE } from '@order-platform/ops';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { bodyOf } from '../../src/testing';
import { cancelOrderHandler } from './cancel-order';

const now = new Date('2026-11-21T10:05:00.000Z');

describe('POST /orders/{orderId}/cancel', () => {
  const setUp = async (order: Partial<Order> = {}, stored: Partial<StoredOrder> = {}) => {
    const orders = inMemoryOrderRepository();
    const placed = anOrder({ orderId: randomUUID(), customerId: 'alice', ...order });
    await orders.insert({ order: placed, paymentToken: 'tok_visa', requestFingerprint: 'fp', ...stored });
    const logs = recordingLogs();
    const handler = cancelOrderHandler({ orders, clock: () => now, loggerFor: logs.loggerFor });
    const cancel = (orderId = placed.orderId, caller: { customerId?: string; scopes?: string[] } = {}) =>
      handler(
        anHttpEvent({
          customerId: caller.customerId ?? 'alice',
          scopes: caller.scopes ?? [],
          routeKey: 'POST /orders/{orderId}/cancel',
          pathParameters: { orderId },
        }),
        {} as Context,
      );
    return { orders, placed, cancel, logs };
  };

  it.each(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED'] as const)(
    'accepts a %s order: 202 with the order, its status as recorded and the request beside it',
    async (status) => {
      const { orders, placed, cancel } = await setUp({ status });

      const result = await cancel();

      const asked = { ...placed, cancellation: { requestedAt: now.toISOString(), requestedBy: 'customer' } };
      expect(result.statusCode).toBe(202);
      expect(result.headers).toMatchObject({ location: `/orders/${placed.orderId}`, 'cache-control': 'no-store' });
      expect(bodyOf(result)).toEqual({ ...asked, updatedAt: now.toISOString() });
      expect((await orders.get(placed.orderId))?.order).toEqual(bodyOf(result));
    },
  );

  it('answers a repeated cancel with the order again, writing nothing twice, also once the workflow ended it', async () => {
    const { orders, placed, cancel } = await setUp();
    const first = bodyOf(await cancel());

    const again = await cancel();
    expect(again.statusCode).toBe(202);
    expect(bodyOf(again)).toEqual(first);

    await orders.recordMilestone(placed.orderId, { kind: 'Cancelled', paymentStatus: 'REFUNDED' }, now);
    const afterEnd = await cancel();
    expect(afterEnd.statusCode).toBe(202);
    expect(bodyOf(afterEnd)).toMatchObject({ status: 'CANCELLED', cancellation: first.cancellation });
  });

  it.each([
    ['DISPATCHED', {}, 'it is DISPATCHED'],
    ['FAILED', {}, 'it failed and is being undone already'],
    ['PROCURED', { handedOverAt: now.toISOString() }, 'it is being handed to the carrier'],
    ['PAYMENT_CONFIRMED', { compensation: { step: 'ReserveStock', error: 'X', at: 'then' } }, 'it failed'],
  ] as const)(
    'refuses a %s order past cancelling with 409 problem+json, saying why',
    async (status, stored, reason) => {
      const { orders, placed, cancel } = await setUp({ status }, stored);

      const result = await cancel();

      expect(result.statusCode).toBe(409);
      expect(result.headers?.['content-type']).toBe('application/problem+json');
      expect(bodyOf(result)).toMatchObject({
        type: 'urn:order-platform:problem:order-not-cancellable',
        status: 409,
        detail: expect.stringContaining(reason),
      });
      expect((await orders.get(placed.orderId))?.order).toEqual(placed);
    },
  );

  it('answers another customer’s order exactly like a missing one, and writes nothing on it', async () => {
    const { orders, placed, cancel } = await setUp();

    const theirs = await cancel(placed.orderId, { customerId: 'mallory' });
    const missing = await cancel(randomUUID(), { customerId: 'mallory' });

    expect([theirs.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect({ ...bodyOf(theirs), detail: undefined }).toEqual({ ...bodyOf(missing), detail: undefined });
    expect(theirs.body).not.toContain('alice');
    expect((await orders.get(placed.orderId))?.order.cancellation).toBeUndefined();
  });

  it('lets ops cancel any customer’s order, the request saying ops asked', async () => {
    const { placed, cancel, logs } = await setUp();

    const result = await cancel(placed.orderId, { customerId: 'ops-1', scopes: [OPS_SCOPE] });

    expect(result.statusCode).toBe(202);
    expect(bodyOf(result).cancellation).toEqual({ requestedAt: now.toISOString(), requestedBy: 'ops' });
    expect(logs.lines.at(-1)).toMatchObject({ operator: 'ops-1', orderId: placed.orderId, statusCode: 202 });
  });

  it.each(['not-an-order', 'x'.repeat(5000), ''])(
    'answers 400 for an id that is no order id (%#), reading nothing',
    async (id) => {
      const { orders, cancel } = await setUp();
      const get = jest.spyOn(orders, 'get');

      const result = await cancel(id);

      expect(result.statusCode).toBe(400);
      expect(bodyOf(result)).toMatchObject({ errors: [{ path: '/orderId', message: 'Must be an order id (a UUID)' }] });
      expect(get).not.toHaveBeenCalled();
    },
  );

  it('answers 404 when the order is withdrawn between the read and the write', async () => {
    const { orders, placed, cancel } = await setUp();
    const get = orders.get.bind(orders);
    jest.spyOn(orders, 'get').mockImplementationOnce(get).mockResolvedValueOnce(undefined);
    jest.spyOn(orders, 'requestCancellation').mockResolvedValueOnce(undefined);

    expect((await cancel(placed.orderId)).statusCode).toBe(404);
  });
});
