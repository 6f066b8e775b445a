import { OutOfStockError, type Product, type StockLedger } from '@order-platform/domain';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { inMemoryStockLedger } from '@order-platform/domain/testing';
import { startLocalDynamoDb } from '@order-platform/local-dynamodb';
import { createDocumentClient } from './dynamodb';
import { putStock, readStock } from './stock-counters';
import { buildStockLedger } from './stock-ledger';
import { createTables } from './tables';

// The StockLedger contract, run against the DynamoDB adapter on a local DynamoDB (dynalite,
// tables from tables.yml) and against the in-memory fake: the fake cannot drift from what the
// sharded counters do. The crash windows of the adapter: stock-ledger.dynamodb.test.ts.
interface Subject {
  ledger: StockLedger;
  seed(products: readonly Product[]): Promise<void>;
  stockOf(sku: string): Promise<number>;
  close(): Promise<void> | void;
}

/** Enough units to fill every shard (stock-shards.ts), so that lines draw across them. */
const HOT: Product = { sku: 'HOT-1', name: 'Hot', unitPrices: { EUR: 100 }, stock: 200 };

const stockLedgerContract = (name: string, open: () => Promise<Subject>) =>
  describe(`the stock ledger contract: ${name}`, () => {
    let subject: Subject;
    let ledger: StockLedger;
    let orders = 0;
    // Each test its own order ids: holds outlive a reseeded stock, as they do in production.
    const orderId = (n: number) => `order-${orders}-${n}`;

    beforeAll(async () => {
      subject = await open();
      ledger = subject.ledger;
    });

    beforeEach(async () => {
      orders += 1;
      await subject.seed(DEMO_CATALOG);
    });

    afterAll(() => subject.close());

    it('takes the stock of every line', async () => {
      await ledger.reserve(orderId(1), [
        { sku: 'KB-001', quantity: 2 },
        { sku: 'LT-006', quantity: 3 },
      ]);

      expect(await subject.stockOf('KB-001')).toBe(498);
      expect(await subject.stockOf('LT-006')).toBe(0);
    });

    it('reserves nothing twice when the step is retried', async () => {
      const lines = [{ sku: 'LT-006', quantity: 2 }];

      await ledger.reserve(orderId(1), lines);
      await ledger.reserve(orderId(1), lines);

      expect(await subject.stockOf('LT-006')).toBe(1);
    });

    it('refuses to go below zero and says what is short', async () => {
      await ledger.reserve(orderId(1), [{ sku: 'LT-006', quantity: 2 }]);

      const refused = ledger.reserve(orderId(2), [{ sku: 'LT-006', quantity: 2 }]);

      await expect(refused).rejects.toBeInstanceOf(OutOfStockError);
      await expect(refused).rejects.toMatchObject({ shortages: [{ sku: 'LT-006', requested: 2, available: 1 }] });
      expect(await subject.stockOf('LT-006')).toBe(1);
    });

    it('treats an unknown SKU as out of stock', async () => {
      await expect(ledger.reserve(orderId(1), [{ sku: 'NOPE', quantity: 1 }])).rejects.toMatchObject({
        shortages: [{ sku: 'NOPE', requested: 1, available: 0 }],
      });
    });

    it('never oversells under concurrent orders: 20 orders of 1 unit for 3 in stock reserve exactly 3', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => ledger.reserve(orderId(i), [{ sku: 'LT-006', quantity: 1 }])),
      );

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason)).toEqual(
        Array.from({ length: 17 }, () => expect.any(OutOfStockError)),
      );
      expect(await subject.stockOf('LT-006')).toBe(0);
    });

    it('never oversells when concurrent orders each want several units spread over shards', async () => {
      await subject.seed([HOT]);

      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => ledger.reserve(orderId(i), [{ sku: HOT.sku, quantity: 30 }])),
      );
      const reserved = outcomes.filter((o) => o.status === 'fulfilled').length;
      // The refused orders keep what they drew until their compensation releases it.
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.status === 'rejected') await ledger.release(orderId(i), [{ sku: HOT.sku, quantity: 30 }]);
      }

      // Refused orders may have drawn part of a line meanwhile, so fewer than 6 may win; never more.
      expect(reserved).toBeLessThanOrEqual(6);
      expect(reserved * 30 + (await subject.stockOf(HOT.sku))).toBe(200);
    });

    it('gives back exactly what the order holds, once, however often release runs', async () => {
      await ledger.reserve(orderId(1), [{ sku: 'KB-001', quantity: 5 }]);

      await ledger.release(orderId(1), [
        { sku: 'KB-001', quantity: 5 },
        { sku: 'MS-002', quantity: 1 },
      ]);
      await ledger.release(orderId(1), [{ sku: 'KB-001', quantity: 5 }]);

      expect(await subject.stockOf('KB-001')).toBe(500);
      expect(await subject.stockOf('MS-002')).toBe(1000);
    });

    it('takes a line larger than any one shard holds', async () => {
      await subject.seed([HOT]);

      await ledger.reserve(orderId(1), [{ sku: HOT.sku, quantity: 120 }]);

      expect(await subject.stockOf(HOT.sku)).toBe(80);
    });

    it('gives back what a refused order drew before it ran short', async () => {
      await subject.seed([HOT]);
      await ledger.reserve(orderId(1), [{ sku: HOT.sku, quantity: 150 }]);
      await expect(ledger.reserve(orderId(2), [{ sku: HOT.sku, quantity: 100 }])).rejects.toMatchObject({
        shortages: [{ sku: HOT.sku, requested: 100, available: 50 }],
      });

      await ledger.release(orderId(2), [{ sku: HOT.sku, quantity: 100 }]);

      expect(await subject.stockOf(HOT.sku)).toBe(50);
    });

    it('commits a reservation: the stock stays taken, and release can no longer return it', async () => {
      await ledger.reserve(orderId(1), [{ sku: 'KB-001', quantity: 5 }]);

      await ledger.commit(orderId(1), [{ sku: 'KB-001', quantity: 5 }]);
      await ledger.commit(orderId(1), [{ sku: 'KB-001', quantity: 5 }]);
      await ledger.release(orderId(1), [{ sku: 'KB-001', quantity: 5 }]);
      await ledger.reserve(orderId(1), [{ sku: 'KB-001', quantity: 5 }]);

      expect(await subject.stockOf('KB-001')).toBe(495);
    });

    it('takes nothing for an order whose lines were released, even one never reserved', async () => {
      await ledger.reserve(orderId(1), [{ sku: 'KB-001', quantity: 5 }]);
      await ledger.release(orderId(1), [
        { sku: 'KB-001', quantity: 5 },
        { sku: 'MS-002', quantity: 1 },
      ]);

      await expect(ledger.reserve(orderId(1), [{ sku: 'KB-001', quantity: 5 }])).rejects.toBeInstanceOf(
        OutOfStockError,
      );
      await expect(ledger.reserve(orderId(1), [{ sku: 'MS-002', quantity: 1 }])).rejects.toBeInstanceOf(
        OutOfStockError,
      );
      expect(await subject.stockOf('KB-001')).toBe(500);
      expect(await subject.stockOf('MS-002')).toBe(1000);
    });
  });

stockLedgerContract('DynamoDB adapter (sharded counters and holds) on a local DynamoDB', async () => {
  const dynamodb = await startLocalDynamoDb();
  const tables = { StockTable: 'stock-contract', StockHoldsTable: 'stock-holds-contract' };
  await createTables(dynamodb.client, tables);
  const documentClient = createDocumentClient(dynamodb.client);
  return {
    ledger: buildStockLedger(documentClient, tables),
    seed: (products) => putStock(documentClient, tables.StockTable, products),
    stockOf: async (sku) =>
      ((await readStock(documentClient, tables.StockTable, [sku], { consistent: true })).get(sku) ?? []).reduce(
        (sum, units) => sum + units,
        0,
      ),
    close: () => dynamodb.stop(),
  };
});

stockLedgerContract('in-memory fake', async () => {
  const fake = inMemoryStockLedger();
  return {
    ledger: fake,
    seed: async (products) => fake.seed(products),
    stockOf: async (sku) => fake.stockOf(sku),
    close: () => undefined,
  };
});
