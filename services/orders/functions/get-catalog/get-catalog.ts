import type { ProductCatalog } from '@order-platform/domain';
import { httpApiHandler, json } from '@order-platform/http';
import type { Logging } from '@order-platform/lambda';

/** GET /catalog: public, so shops can show products before anyone signs in. */
export const getCatalogHandler = (deps: { catalog: ProductCatalog } & Logging) =>
  httpApiHandler(async () => {
    const products = await deps.catalog.listAll();
    return json(
      200,
      { products: products.map(({ sku, name, unitPrices, stock }) => ({ sku, name, unitPrices, stock })) },
      { 'cache-control': 'public, max-age=60' },
    );
  }, deps);
