import type { Clock, OrderRepository, StockLedger } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { ReleaseStockInputSchema, type StockRelease } from '@order-platform/workflow';

/**
 * ReleaseStock (compensation, and the first step of every compensation): marks the order as being
 * compensated, then gives back whatever stock it still holds. The mark comes first so that a run
 * re-driven after a crash never takes an order forward once any of it was undone; an order no
 * longer live (dispatched, or failed) is not marked, and holds no stock to give back.
 */
export const releaseStockHandler = (
  deps: {
    stock: Pick<StockLedger, 'release'>;
    orders: Pick<OrderRepository, 'recordCompensationStarted'>;
    clock: Clock;
  } & Logging,
) =>
  stepHandler(
    ReleaseStockInputSchema,
    async ({ orderId, items, failed }, logger): Promise<StockRelease> => {
      const live = await deps.orders.recordCompensationStarted(
        orderId,
        failed ?? { step: 'unknown', error: 'unknown' },
        deps.clock(),
      );
      if (!live) {
        logger.info('Order no longer live: no stock to release');
        return { releasedItems: 0 };
      }
      await deps.stock.release(orderId, items);
      logger.info('Stock released', { items: items.length });
      return { releasedItems: items.length };
    },
    deps,
  );
