import type { Product, ProductCatalog } from '@order-platform/domain';
import { startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { buildProductCatalog, createDocumentClient, putProducts } from '@order-platform/persistence';
import { createTables } from '@order-platform/persistence/tables';
import { inMemoryCatalog } from './in-memory-adapters';

// The ProductCatalog contract, run against the DynamoDB adapter on a local DynamoDB (dynalite)
// and against the in-memory fake the order tests use: the fake cannot drift from what DynamoDB does.
const PRODUCTS: readonly Product[] = [
  { sku: 'ZZ-900', name: 'Last', unitPrices: { EUR: 100 }, stock: 1 },
  { sku: 'AA-100', name: 'First', unitPrices: { EUR: 2500, USD: 2700 }, stock: 10 },
  { sku: 'MM-500', name: 'Middle', unitPrices: { GBP: 999 }, stock: 0 },
];

const productCatalogContract = (
  subject: string,
  open: (products: readonly Product[]) => Promise<{ catalog: ProductCatalog; close: () => Promise<void> | void }>,
) =>
  describe(`the product catalog contract: ${subject}`, () => {
    let catalog: ProductCatalog;
    let close: () => Promise<void> | void;

    beforeAll(async () => {
      ({ catalog, close } = await open(PRODUCTS));
    });

    afterAll(() => close());

    it('finds the products it has by SKU, and leaves out those it does not', async () => {
      const found = await catalog.findBySkus(['MM-500', 'NO-SUCH', 'AA-100']);

      expect([...found.keys()].sort()).toEqual(['AA-100', 'MM-500']);
      expect(found.get('AA-100')).toEqual(PRODUCTS[1]);
    });

    it('finds nothing for no SKUs', async () => {
      expect((await catalog.findBySkus([])).size).toBe(0);
    });

    it('lists every product, ordered by SKU', async () => {
      expect(await catalog.listAll()).toEqual([PRODUCTS[1], PRODUCTS[2], PRODUCTS[0]]);
    });
  });

productCatalogContract('DynamoDB adapter on a local DynamoDB', async (products) => {
  const dynamodb = await startLocalDynamoDb();
  const tables = { CatalogTable: 'catalog-test', StockTable: 'stock-test' };
  await createTables(dynamodb.client, tables);
  const documentClient = createDocumentClient(dynamodb.client);
  await putProducts(documentClient, tables, products);
  return { catalog: buildProductCatalog(documentClient, tables), close: dynamodb.stop };
});

productCatalogContract('in-memory fake', async (products) => ({
  catalog: inMemoryCatalog(products),
  close: () => undefined,
}));
