import type { StockLedger } from '@order-platform/domain';
import { OrderLinesStepInputSchema, stepHandler, type Logging } from '@order-platform/lambda';

/** ReleaseStock (compensation): gives back whatever stock the order still holds. */
export const releaseStockHandler = (deps: { stock: Pick<StockLedger, 'release'> } & Logging) =>
  stepHandler(
    OrderLinesStepInputSchema,
    async ({ orderId, items }, logger) => {
      await deps.stock.release(orderId, items);
      logger.info('Stock released', { lines: items.length });
      return { releasedLines: items.length };
    },
    deps,
  );
