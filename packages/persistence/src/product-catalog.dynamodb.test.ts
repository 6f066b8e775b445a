import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { createDocumentClient } from './dynamodb';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from './tables';
import { buildProductCatalog, putProducts } from './product-catalog';

describe('product catalog on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let catalog: ReturnType<typeof buildProductCatalog>;

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    const tables = { CatalogTable: 'catalog-test', StockTable: 'stock-test' };
    await createTables(dynamodb.client, tables);
    const documentClient = createDocumentClient(dynamodb.client);
    const manyProducts = Array.from({ length: 130 }, (_, i) => ({
      sku: `BULK-${String(i).padStart(3, '0')}`,
      name: `Bulk item ${i}`,
      unitPrices: { EUR: 100 + i },
      stock: i,
    }));
    await putProducts(documentClient, tables, [...DEMO_CATALOG, ...manyProducts]);
    catalog = buildProductCatalog(documentClient, tables);
  });

  afterAll(() => dynamodb.stop());

  it('finds the products asked for and leaves out unknown SKUs', async () => {
    const found = await catalog.findBySkus(['KB-001', 'NOPE', 'LT-006']);
    expect([...found.keys()].sort()).toEqual(['KB-001', 'LT-006']);
    expect(found.get('LT-006')).toEqual(DEMO_CATALOG.find((product) => product.sku === 'LT-006'));
  });

  it('looks up more SKUs than one BatchGetItem takes', async () => {
    const skus = Array.from({ length: 120 }, (_, i) => `BULK-${String(i).padStart(3, '0')}`);
    expect((await catalog.findBySkus(skus)).size).toBe(120);
  });

  it('lists the whole catalog in SKU order', async () => {
    const products = await catalog.listAll();
    expect(products).toHaveLength(DEMO_CATALOG.length + 130);
    expect(products[0]?.sku).toBe('BULK-000');
    expect(products.find((product) => product.sku === 'BULK-129')?.stock).toBe(129);
  });
});
