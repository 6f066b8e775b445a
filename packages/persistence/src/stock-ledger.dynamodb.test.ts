import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { OutOfStockError } from '@order-platform/domain';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { createDocumentClient } from './dynamodb';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from './tables';
import { putProducts } from './product-catalog';
import type { StockLedger } from '@order-platform/domain';
import { buildStockLedger } from './stock-ledger';

const TABLE = 'stock-ledger-test';

describe('stock ledger on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let documentClient: ReturnType<typeof createDocumentClient>;
  let ledger: StockLedger;

  const itemOf = async (sku: string) =>
    (await documentClient.send(new GetCommand({ TableName: TABLE, Key: { sku }, ConsistentRead: true }))).Item;
  const stockOf = async (sku: string) => Number((await itemOf(sku))?.stock);

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, { CatalogTable: TABLE });
    documentClient = createDocumentClient(dynamodb.client);
    ledger = buildStockLedger(documentClient, TABLE);
  });

  beforeEach(() => putProducts(documentClient, TABLE, DEMO_CATALOG));

  afterAll(() => dynamodb.stop());

  it('takes the stock of every line and remembers which order holds it', async () => {
    await ledger.reserve('order-1', [
      { sku: 'KB-001', quantity: 2 },
      { sku: 'LT-006', quantity: 3 },
    ]);

    expect(await stockOf('KB-001')).toBe(498);
    expect(await itemOf('LT-006')).toMatchObject({ stock: 0, reservations: { 'order-1': 3 } });
  });

  it('reserves nothing twice when the step is retried', async () => {
    const lines = [{ sku: 'LT-006', quantity: 2 }];

    await ledger.reserve('order-1', lines);
    await ledger.reserve('order-1', lines);

    expect(await stockOf('LT-006')).toBe(1);
  });

  it('refuses to go below zero and says what is short', async () => {
    await ledger.reserve('order-1', [{ sku: 'LT-006', quantity: 2 }]);

    const refused = ledger.reserve('order-2', [{ sku: 'LT-006', quantity: 2 }]);

    await expect(refused).rejects.toBeInstanceOf(OutOfStockError);
    await expect(refused).rejects.toMatchObject({ shortages: [{ sku: 'LT-006', requested: 2, available: 1 }] });
    expect(await stockOf('LT-006')).toBe(1);
  });

  it('never oversells under concurrent orders: 20 orders of 1 unit for 3 in stock reserve exactly 3', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => ledger.reserve(`order-${i}`, [{ sku: 'LT-006', quantity: 1 }])),
    );

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason)).toEqual(
      Array.from({ length: 17 }, () => expect.any(OutOfStockError)),
    );
    expect(await stockOf('LT-006')).toBe(0);
    expect(Object.keys((await itemOf('LT-006'))?.reservations as object)).toHaveLength(3);
  });

  it('gives back exactly what the order holds, once, however often release runs', async () => {
    await ledger.reserve('order-1', [{ sku: 'KB-001', quantity: 5 }]);

    await ledger.release('order-1', [
      { sku: 'KB-001', quantity: 5 },
      { sku: 'MS-002', quantity: 1 },
    ]);
    await ledger.release('order-1', [{ sku: 'KB-001', quantity: 5 }]);

    expect(await stockOf('KB-001')).toBe(500);
    expect(await stockOf('MS-002')).toBe(1000);
    expect((await itemOf('KB-001'))?.reservations).toEqual({});
  });

  it('commits a reservation: the stock stays taken and the marker goes, so release can no longer return it', async () => {
    await ledger.reserve('order-1', [{ sku: 'KB-001', quantity: 5 }]);

    await ledger.commit('order-1', [{ sku: 'KB-001', quantity: 5 }]);
    await ledger.commit('order-1', [{ sku: 'KB-001', quantity: 5 }]);
    await ledger.release('order-1', [{ sku: 'KB-001', quantity: 5 }]);

    expect(await itemOf('KB-001')).toMatchObject({ stock: 495, reservations: {} });
  });

  it('works on catalog items written without a reservations map, and treats an unknown SKU as out of stock', async () => {
    await documentClient.send(
      new PutCommand({ TableName: TABLE, Item: { sku: 'BARE-1', name: 'Bare', unitPrices: { EUR: 100 }, stock: 4 } }),
    );

    await ledger.reserve('order-1', [{ sku: 'BARE-1', quantity: 4 }]);
    await expect(ledger.reserve('order-1', [{ sku: 'NOPE', quantity: 1 }])).rejects.toMatchObject({
      shortages: [{ sku: 'NOPE', requested: 1, available: 0 }],
    });
    await ledger.release('order-1', [{ sku: 'NOPE', quantity: 1 }]);

    expect(await itemOf('BARE-1')).toMatchObject({ stock: 0, reservations: { 'order-1': 4 } });
  });
});
