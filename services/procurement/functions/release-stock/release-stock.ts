import { OrderLinesStepInputSchema, stepHandler } from '@order-platform/lambda';
import type { StockLedger } from '@order-platform/persistence';

/** ReleaseStock (compensation): gives back whatever stock the order still holds. */
export const releaseStockHandler = (deps: { stock: Pick<StockLedger, 'release'> }) =>
  stepHandler(OrderLinesStepInputSchema, async ({ orderId, items }) => {
    await deps.stock.release(orderId, items);
    return { releasedLines: items.length };
  });
