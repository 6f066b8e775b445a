import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { anHttpEvent } from '@order-platform/http/testing';
import type { Context } from 'aws-lambda';
import { inMemoryCatalog } from '../../src/in-memory-adapters';
import { bodyOf } from '../../src/testing';
import { getCatalogHandler } from './get-catalog';

describe('GET /catalog', () => {
  it('lists every product with its prices and stock, by SKU, cacheable for a minute', async () => {
    const result = await getCatalogHandler({ catalog: inMemoryCatalog(DEMO_CATALOG) })(
      anHttpEvent({ customerId: null }),
      {} as Context,
    );

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['cache-control']).toBe('public, max-age=60');
    // In the catalog's order: by SKU (the port's contract, product-catalog.contract.test.ts).
    expect(bodyOf(result).products).toEqual([...DEMO_CATALOG].sort((a, b) => a.sku.localeCompare(b.sku)));
  });
});
