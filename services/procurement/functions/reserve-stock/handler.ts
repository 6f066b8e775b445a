import { requiredEnv } from '@order-platform/lambda';
import { buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { reserveStockHandler } from './reserve-stock';

export const handler = reserveStockHandler({
  stock: buildStockLedger(createDocumentClient(), requiredEnv('CATALOG_TABLE')),
});
