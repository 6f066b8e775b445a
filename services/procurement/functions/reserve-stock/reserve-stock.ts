import { OrderLinesStepInputSchema, stepHandler } from '@order-platform/lambda';
import type { StockLedger } from '@order-platform/persistence';

/** ReserveStock: takes every line's stock, or fails with OutOfStock (the workflow compensates). */
export const reserveStockHandler = (deps: { stock: Pick<StockLedger, 'reserve'> }) =>
  stepHandler(OrderLinesStepInputSchema, async ({ orderId, items }) => {
    await deps.stock.reserve(orderId, items);
    return { reservedLines: items.length };
  });
