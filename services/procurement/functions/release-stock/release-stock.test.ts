import type { Order } from '@order-platform/domain';
import { anOrder, inMemoryOrdersHolding } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
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

  it('marks an order whose failure the workflow did not pass as failed at an unknown step, and logs what it gave back', async () => {
    const orders = await ordersWith();
    const logs = recordingLogs();

    await releaseStockHandler({ stock: { release: jest.fn(async () => undefined) }, orders, clock, ...logs })({
      orderId: 'order-1',
      items,
    });

    expect((await orders.get('order-1'))?.compensation).toEqual({
      step: 'unknown',
      error: 'unknown',
      at: '2026-12-02T09:00:00.000Z',
    });
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'Stock released', items: 1 }));
  });

  it('says in its log that an order no longer live had nothing to give back', async () => {
    const logs = recordingLogs();

    await releaseStockHandler({
      stock: { release: jest.fn() },
      orders: await ordersWith('DISPATCHED'),
      clock,
      ...logs,
    })({
      orderId: 'order-1',
      items,
    });

    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'Order no longer live: no stock to release' }),
    );
  });
});
