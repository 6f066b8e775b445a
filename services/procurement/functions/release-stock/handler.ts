import { requiredEnv } from '@order-platform/lambda';
import { buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { releaseStockHandler } from './release-stock';

export const handler = releaseStockHandler({
  stock: buildStockLedger(createDocumentClient(), requiredEnv('CATALOG_TABLE')),
});
