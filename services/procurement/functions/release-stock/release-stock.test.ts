import { releaseStockHandler } from './release-stock';

describe('ReleaseStock step', () => {
  it("gives back the order's lines under its id", async () => {
    const stock = { release: jest.fn(async () => undefined) };
    const items = [{ sku: 'KB-001', quantity: 1 }];

    expect(await releaseStockHandler({ stock })({ orderId: 'order-1', items })).toEqual({ releasedItems: 1 });
    expect(stock.release).toHaveBeenCalledWith('order-1', items);
  });
});
