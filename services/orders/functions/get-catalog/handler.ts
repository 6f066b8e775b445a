import { buildProductCatalog, createDocumentClient } from '@order-platform/persistence';
import { requiredEnv } from '@order-platform/lambda';
import { getCatalogHandler } from './get-catalog';

export const handler = getCatalogHandler({
  catalog: buildProductCatalog(createDocumentClient(), {
    CatalogTable: requiredEnv('CATALOG_TABLE'),
    StockTable: requiredEnv('STOCK_TABLE'),
  }),
});
