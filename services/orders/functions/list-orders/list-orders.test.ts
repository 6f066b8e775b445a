import { anOrder } from '@order-platform/domain/testing';
import { anHttpEvent } from '@order-platform/http/testing';
import type { Context } from 'aws-lambda';
import { inMemoryOrderRepository } from '../../src/in-memory-adapters';
import { bodyOf } from '../../src/testing';
import { listOrdersHandler } from './list-orders';

describe('GET /orders', () => {
  const orders = inMemoryOrderRepository();
  const handler = listOrdersHandler({ orders });
  const list = (query: Record<string, string> | undefined, customerId = 'bob') =>
    handler(anHttpEvent({ customerId, queryStringParameters: query }), {} as Context);

  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) {
      await orders.insert({ order: anOrder({ customerId: 'bob' }), paymentToken: 't', requestFingerprint: 'f' });
    }
    await orders.insert({ order: anOrder({ customerId: 'carol' }), paymentToken: 't', requestFingerprint: 'f' });
  });

  it('returns only the caller’s orders, newest first, a page at a time', async () => {
    const first = bodyOf(await list({ limit: '3' }));
    const second = bodyOf(await list({ limit: '3', cursor: first.nextCursor }));

    const all = [...first.orders, ...second.orders];
    expect(all).toHaveLength(5);
    expect(all.every((order: { customerId: string }) => order.customerId === 'bob')).toBe(true);
    const created = all.map((order: { createdAt: string }) => order.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(second.nextCursor).toBeUndefined();
  });

  it('uses a default page size when none is given', async () => {
    expect((await list(undefined)).statusCode).toBe(200);
  });

  it.each<Record<string, string>>([{ limit: '0' }, { limit: '101' }, { limit: 'all' }, { page: '2' }])(
    'answers 400 for %p',
    async (query) => {
      const result = await list(query);
      expect(result.statusCode).toBe(400);
      expect(bodyOf(result).errors).toHaveLength(1);
    },
  );
});
