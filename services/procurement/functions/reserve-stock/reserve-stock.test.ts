import { OutOfStockError } from '@order-platform/domain';
import { reserveStockHandler } from './reserve-stock';

const items = [
  { sku: 'KB-001', quantity: 1 },
  { sku: 'LT-006', quantity: 2 },
];

describe('ReserveStock step', () => {
  it("reserves the order's lines under its id", async () => {
    const stock = { reserve: jest.fn(async () => undefined) };

    expect(await reserveStockHandler({ stock })({ orderId: 'order-1', items })).toEqual({ reservedLines: 2 });
    expect(stock.reserve).toHaveBeenCalledWith('order-1', items);
  });

  it('reports a shortage as OutOfStock, which the workflow compensates rather than retries', async () => {
    const stock = {
      reserve: jest.fn(async () => {
        throw new OutOfStockError([{ sku: 'LT-006', requested: 2, available: 1 }]);
      }),
    };

    await expect(reserveStockHandler({ stock })({ orderId: 'order-1', items })).rejects.toMatchObject({
      name: 'OutOfStock',
    });
  });

  it('refuses lines the workflow should never send', async () => {
    const stock = { reserve: jest.fn() };

    await expect(
      reserveStockHandler({ stock })({ orderId: 'order-1', items: [{ sku: 'KB-001', quantity: 0 }] }),
    ).rejects.toMatchObject({ name: 'InvalidStepInput' });
    expect(stock.reserve).not.toHaveBeenCalled();
  });
});
