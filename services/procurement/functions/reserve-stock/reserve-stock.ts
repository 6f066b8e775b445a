import { stepHandler } from '@order-platform/lambda';
import type { StockLedger } from '@order-platform/persistence';
import { StockLinesInputSchema } from '../../src/step-inputs';

/** ReserveStock: takes every line's stock, or fails with OutOfStock (the workflow compensates). */
export const reserveStockHandler = (deps: { stock: Pick<StockLedger, 'reserve'> }) =>
  stepHandler(StockLinesInputSchema, async ({ orderId, items }) => {
    await deps.stock.reserve(orderId, items);
    return { reservedLines: items.length };
  });
