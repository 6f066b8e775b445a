import { requiredEnv, sandboxStepPause } from '@order-platform/lambda';
import { buildOrderRepository, buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { reserveStockHandler } from './reserve-stock';

const documentClient = createDocumentClient();

export const handler = reserveStockHandler({
  stock: buildStockLedger(documentClient, requiredEnv('CATALOG_TABLE')),
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  pause: sandboxStepPause(),
});
