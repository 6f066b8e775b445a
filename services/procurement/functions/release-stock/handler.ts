import { requiredEnv } from '@order-platform/lambda';
import { buildOrderRepository, buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { releaseStockHandler } from './release-stock';

const documentClient = createDocumentClient();

export const handler = releaseStockHandler({
  stock: buildStockLedger(documentClient, requiredEnv('CATALOG_TABLE')),
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  clock: () => new Date(),
});
