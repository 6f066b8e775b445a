import { OrderLinesStepInputSchema, stepHandler, type Logging } from '@order-platform/lambda';
import type { StockLedger } from '@order-platform/persistence';

/** ReserveStock: takes every line's stock, or fails with OutOfStock (the workflow compensates). */
export const reserveStockHandler = (deps: { stock: Pick<StockLedger, 'reserve'> } & Logging) =>
  stepHandler(
    OrderLinesStepInputSchema,
    async ({ orderId, items }, logger) => {
      await deps.stock.reserve(orderId, items);
      logger.info('Stock reserved', { lines: items.length });
      return { reservedLines: items.length };
    },
    deps,
  );
