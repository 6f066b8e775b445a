import { requiredEnv, sandboxStepPause } from '@order-platform/lambda';
import { buildOrderRepository, buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { reserveStockHandler } from './reserve-stock';

const documentClient = createDocumentClient();

export const handler = reserveStockHandler({
  stock: buildStockLedger(documentClient, {
    StockTable: requiredEnv('STOCK_TABLE'),
    StockHoldsTable: requiredEnv('STOCK_HOLDS_TABLE'),
  }),
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  pause: sandboxStepPause(),
});
