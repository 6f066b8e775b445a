import { OutOfStockError, type StockLedger } from '@order-platform/domain';
import { OrderLinesStepInputSchema, stepHandler, type Logging } from '@order-platform/lambda';

/** What ReserveStock answers: the workflow's IsStockReserved routes on `outcome`. */
export type StockReservation =
  | { readonly outcome: 'RESERVED'; readonly reservedLines: number }
  | {
      readonly outcome: 'OUT_OF_STOCK';
      /** Why, for the order's failure and the customer: the lines short and what was left. */
      readonly reason: string;
      readonly shortages: OutOfStockError['shortages'];
    };

/**
 * ReserveStock: takes every line's stock. Running out is an answer, not an error: the workflow
 * compensates whatever lines were taken and fails the order, and the function's Errors alarm
 * stays for what goes wrong.
 */
export const reserveStockHandler = (deps: { stock: Pick<StockLedger, 'reserve'> } & Logging) =>
  stepHandler(
    OrderLinesStepInputSchema,
    async ({ orderId, items }, logger): Promise<StockReservation> => {
      try {
        await deps.stock.reserve(orderId, items);
      } catch (error) {
        if (!(error instanceof OutOfStockError)) throw error;
        logger.info('Out of stock', { shortages: error.shortages });
        return { outcome: 'OUT_OF_STOCK', reason: error.message, shortages: error.shortages };
      }
      logger.info('Stock reserved', { lines: items.length });
      return { outcome: 'RESERVED', reservedLines: items.length };
    },
    deps,
  );
