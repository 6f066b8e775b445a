import type { Order } from '@order-platform/domain';
import { anOrder, inMemoryOrdersHolding } from '@order-platform/domain/testing';
import { releaseStockHandler } from './release-stock';

const items = [{ sku: 'KB-001', quantity: 1 }];
const clock = () => new Date('2026-12-02T09:00:00.000Z');

const ordersWith = (status: Order['status'] = 'PAYMENT_CONFIRMED') =>
  inMemoryOrdersHolding(anOrder({ orderId: 'order-1', status }));

describe('ReleaseStock step', () => {
  it("marks the order as being compensated, with why, then gives back the order's lines", async () => {
    const orders = await ordersWith('PROCURED');
    const stock = { release: jest.fn(async () => undefined) };

    expect(
      await releaseStockHandler({ stock, orders, clock })({
        orderId: 'order-1',
        items,
        failed: { step: 'BookShipment', error: 'NoCarrierAvailable' },
      }),
    ).toEqual({ releasedItems: 1 });

    expect(stock.release).toHaveBeenCalledWith('order-1', items);
    expect((await orders.get('order-1'))?.compensation).toEqual({
      step: 'BookShipment',
      error: 'NoCarrierAvailable',
      at: '2026-12-02T09:00:00.000Z',
    });
  });

  it('gives nothing back for an order no longer live: a dispatched order’s stock has shipped', async () => {
    const orders = await ordersWith('DISPATCHED');
    const stock = { release: jest.fn(async () => undefined) };

    expect(await releaseStockHandler({ stock, orders, clock })({ orderId: 'order-1', items })).toEqual({
      releasedItems: 0,
    });
    expect(stock.release).not.toHaveBeenCalled();
    expect((await orders.get('order-1'))?.compensation).toBeUndefined();
  });
});
