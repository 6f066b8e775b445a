import { OutOfStockError, type Order } from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository, inMemoryOrdersHolding } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import { reserveStockHandler } from './reserve-stock';

const items = [
  { sku: 'KB-001', quantity: 1 },
  { sku: 'LT-006', quantity: 2 },
];

/** The order store with one order in `status`. */
const ordersWith = (status: Order['status'] = 'PAYMENT_CONFIRMED') =>
  inMemoryOrdersHolding(anOrder({ orderId: 'order-1', status }));

describe('ReserveStock step', () => {
  it("reserves the order's lines under its id", async () => {
    const stock = { reserve: jest.fn(async () => undefined) };

    expect(await reserveStockHandler({ stock, orders: await ordersWith() })({ orderId: 'order-1', items })).toEqual({
      outcome: 'RESERVED',
      reservedItems: 2,
    });
    expect(stock.reserve).toHaveBeenCalledWith('order-1', items);
  });

  it.each(['PROCURED', 'DISPATCHED'] as const)(
    'takes nothing for an order an earlier run took further (%s): its stock is held or has shipped',
    async (status) => {
      const stock = { reserve: jest.fn(async () => undefined) };

      expect(
        await reserveStockHandler({ stock, orders: await ordersWith(status) })({ orderId: 'order-1', items }),
      ).toEqual({
        outcome: 'RESERVED',
        reservedItems: 2,
      });
      expect(stock.reserve).not.toHaveBeenCalled();
    },
  );

  it('fails for an order that does not exist, taking nothing', async () => {
    const stock = { reserve: jest.fn(async () => undefined) };

    await expect(
      reserveStockHandler({ stock, orders: inMemoryOrderRepository() })({ orderId: 'order-1', items }),
    ).rejects.toMatchObject({ name: 'OrderRecordMissing' });
    expect(stock.reserve).not.toHaveBeenCalled();
  });

  it('answers a shortage as OUT_OF_STOCK, not as an error: no sold-out order counts against the Errors alarm', async () => {
    const stock = {
      reserve: jest.fn(async () => {
        throw new OutOfStockError([{ sku: 'LT-006', requested: 2, available: 1 }]);
      }),
    };

    expect(await reserveStockHandler({ stock, orders: await ordersWith() })({ orderId: 'order-1', items })).toEqual({
      outcome: 'OUT_OF_STOCK',
      reason: 'Not enough stock: LT-006 (requested 2, available 1)',
      shortages: [{ sku: 'LT-006', requested: 2, available: 1 }],
    });
  });

  it('still fails on what is not a shortage, for the workflow to retry or compensate', async () => {
    const stock = {
      reserve: jest.fn(async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' });
      }),
    };

    await expect(
      reserveStockHandler({ stock, orders: await ordersWith() })({ orderId: 'order-1', items }),
    ).rejects.toMatchObject({ name: 'DependencyUnavailable' });
  });

  it('refuses lines the workflow should never send', async () => {
    const stock = { reserve: jest.fn() };

    await expect(
      reserveStockHandler({ stock, orders: await ordersWith() })({
        orderId: 'order-1',
        items: [{ sku: 'KB-001', quantity: 0 }],
      }),
    ).rejects.toMatchObject({ name: 'InvalidStepInput' });
    expect(stock.reserve).not.toHaveBeenCalled();
  });
});

describe('ReserveStock and a cancellation', () => {
  it.each(['PAYMENT_CONFIRMED', 'PROCURED'] as const)(
    'takes nothing for a %s order asked to be cancelled: OrderCancellationRequested',
    async (status) => {
      const stock = { reserve: jest.fn(async () => undefined) };
      const orders = await inMemoryOrdersHolding(
        anOrder({ orderId: 'order-1', status, cancellation: { requestedAt: 'then', requestedBy: 'ops' } }),
      );

      await expect(reserveStockHandler({ stock, orders })({ orderId: 'order-1', items })).rejects.toMatchObject({
        name: 'OrderCancellationRequested',
      });
      expect(stock.reserve).not.toHaveBeenCalled();
    },
  );

  it('says in its log what it did: reserved, short, or taken already', async () => {
    const logs = recordingLogs();
    const reserve = jest.fn(async () => undefined);
    const short = new OutOfStockError([{ sku: 'LT-006', requested: 2, available: 1 }]);

    await reserveStockHandler({ stock: { reserve }, orders: await ordersWith(), ...logs })({
      orderId: 'order-1',
      items,
    });
    reserve.mockRejectedValueOnce(short);
    await reserveStockHandler({ stock: { reserve }, orders: await ordersWith(), ...logs })({
      orderId: 'order-1',
      items,
    });
    await reserveStockHandler({ stock: { reserve }, orders: await ordersWith('PROCURED'), ...logs })({
      orderId: 'order-1',
      items,
    });

    expect(logs.lines.filter((line) => line.level === 'INFO')).toEqual([
      expect.objectContaining({ message: 'Stock reserved', items: 2 }),
      expect.objectContaining({ message: 'Out of stock', shortages: [{ sku: 'LT-006', requested: 2, available: 1 }] }),
      expect.objectContaining({ message: 'Stock already taken for this order', status: 'PROCURED' }),
    ]);
  });

  it('names itself where it reads the order and where it notices a cancellation', async () => {
    const orders = await ordersWith();
    await orders.requestCancellation('order-1', { requestedAt: '2026-11-21T10:00:00.000Z', requestedBy: 'customer' });
    const pause = jest.fn(async () => false);

    await expect(
      reserveStockHandler({ stock: { reserve: jest.fn() }, orders, pause })({ orderId: 'order-1', items }),
    ).rejects.toMatchObject({
      name: 'OrderCancellationRequested',
      message: expect.stringContaining(': ReserveStock did nothing'),
    });
    expect(pause).toHaveBeenCalledWith('ReserveStock', expect.objectContaining({ orderId: 'order-1' }));
  });
});
