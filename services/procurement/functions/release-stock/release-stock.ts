import { stepHandler } from '@order-platform/lambda';
import type { StockLedger } from '@order-platform/persistence';
import { StockLinesInputSchema } from '../../src/step-inputs';

/** ReleaseStock (compensation): gives back whatever stock the order still holds. */
export const releaseStockHandler = (deps: { stock: Pick<StockLedger, 'release'> }) =>
  stepHandler(StockLinesInputSchema, async ({ orderId, items }) => {
    await deps.stock.release(orderId, items);
    return { releasedLines: items.length };
  });
