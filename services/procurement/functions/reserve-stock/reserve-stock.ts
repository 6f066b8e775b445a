import {
  hasReached,
  OrderRecordMissingError,
  OutOfStockError,
  stopIfCancellationRequested,
  type OrderRepository,
  type StockLedger,
} from '@order-platform/domain';
import { readOrderAt, stepHandler, type Logging, type StepPause } from '@order-platform/lambda';
import { OrderItemsStepInputSchema, type StockReservation } from '@order-platform/workflow';

/**
 * ReserveStock: takes every line's stock. Running out is an answer, not an error: the workflow
 * compensates whatever lines were taken and fails the order, and the function's Errors alarm
 * stays for what goes wrong.
 *
 * The ledger's per-order hold makes a retry take nothing twice; the order is still asked first,
 * so that a run re-driven later touches no stock at all: one PROCURED or
 * further holds its stock or has shipped it (it can no longer have given it back: compensation
 * marks the order first, and a run that finds the mark never gets here), and nothing is taken.
 * An order asked to be cancelled takes nothing either: OrderCancellationRequested.
 */
export const reserveStockHandler = (
  deps: { stock: Pick<StockLedger, 'reserve'>; orders: Pick<OrderRepository, 'get'>; pause?: StepPause } & Logging,
) =>
  stepHandler(
    OrderItemsStepInputSchema,
    async ({ orderId, items }, logger): Promise<StockReservation> => {
      const stored = await readOrderAt('ReserveStock', () => deps.orders.get(orderId), deps.pause);
      if (!stored) throw new OrderRecordMissingError(orderId);
      stopIfCancellationRequested(stored.order, 'ReserveStock');
      if (hasReached(stored.order.status, 'PROCURED')) {
        logger.info('Stock already taken for this order', { status: stored.order.status });
        return { outcome: 'RESERVED', reservedItems: items.length };
      }
      try {
        await deps.stock.reserve(orderId, items);
      } catch (error) {
        if (!(error instanceof OutOfStockError)) throw error;
        logger.info('Out of stock', { shortages: error.shortages });
        return { outcome: 'OUT_OF_STOCK', reason: error.message, shortages: [...error.shortages] };
      }
      logger.info('Stock reserved', { items: items.length });
      return { outcome: 'RESERVED', reservedItems: items.length };
    },
    deps,
  );
