import type { StockLedger } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderItemsStepInputSchema, type StockRelease } from '@order-platform/workflow';

/** ReleaseStock (compensation): gives back whatever stock the order still holds. */
export const releaseStockHandler = (deps: { stock: Pick<StockLedger, 'release'> } & Logging) =>
  stepHandler(
    OrderItemsStepInputSchema,
    async ({ orderId, items }, logger): Promise<StockRelease> => {
      await deps.stock.release(orderId, items);
      logger.info('Stock released', { items: items.length });
      return { releasedItems: items.length };
    },
    deps,
  );
