import { OutOfStockError, type StockLedger } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderItemsStepInputSchema, type StockReservation } from '@order-platform/workflow';

/**
 * ReserveStock: takes every line's stock. Running out is an answer, not an error: the workflow
 * compensates whatever lines were taken and fails the order, and the function's Errors alarm
 * stays for what goes wrong.
 */
export const reserveStockHandler = (deps: { stock: Pick<StockLedger, 'reserve'> } & Logging) =>
  stepHandler(
    OrderItemsStepInputSchema,
    async ({ orderId, items }, logger): Promise<StockReservation> => {
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
