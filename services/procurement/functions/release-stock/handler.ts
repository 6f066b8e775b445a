import { requiredEnv } from '@order-platform/lambda';
import { buildOrderRepository, buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { releaseStockHandler } from './release-stock';

const documentClient = createDocumentClient();

export const handler = releaseStockHandler({
  stock: buildStockLedger(documentClient, {
    StockTable: requiredEnv('STOCK_TABLE'),
    StockHoldsTable: requiredEnv('STOCK_HOLDS_TABLE'),
  }),
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  clock: () => new Date(),
});
