import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createDocumentClient } from './dynamodb';
import { putStock, readStock } from './stock-counters';
import { buildStockLedger } from './stock-ledger';
import { shardKeysOf } from './stock-shards';
import { createTables } from './tables';

// What only the DynamoDB adapter has: counters and holds as items, and the crash windows between
// its writes (stock-ledger.ts). What every StockLedger keeps: stock-ledger.contract.test.ts.
const tables = { StockTable: 'stock-test', StockHoldsTable: 'stock-holds-test' };
const line = { sku: 'KB-001', quantity: 5 };

type Send = DynamoDBDocumentClient['send'];
type Moment = 'before' | 'after';

/** Which write a crash interrupts: a counter's change of stock, or its forgetting of a token. */
const writes = {
  counterChange: (input: UpdateCommand['input']) =>
    input.TableName === tables.StockTable && String(input.UpdateExpression).startsWith('SET stock'),
  counterForget: (input: UpdateCommand['input']) =>
    input.TableName === tables.StockTable && String(input.UpdateExpression).startsWith('REMOVE applied'),
};

describe('stock ledger on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let documentClient: DynamoDBDocumentClient;
  let ledger: ReturnType<typeof buildStockLedger>;

  const counters = async (sku: string) =>
    Promise.all(
      shardKeysOf(sku).map(
        async (shardKey) =>
          (
            await documentClient.send(
              new GetCommand({ TableName: tables.StockTable, Key: { shardKey }, ConsistentRead: true }),
            )
          ).Item,
      ),
    );
  const stockOf = async (sku: string) =>
    ((await readStock(documentClient, tables.StockTable, [sku], { consistent: true })).get(sku) ?? []).reduce(
      (sum, units) => sum + units,
      0,
    );
  const tokensOn = async (sku: string) => (await counters(sku)).flatMap((item) => Object.keys(item?.applied ?? {}));
  const holdOf = async (orderId: string, sku: string) =>
    (
      await documentClient.send(
        new GetCommand({ TableName: tables.StockHoldsTable, Key: { orderId, sku }, ConsistentRead: true }),
      )
    ).Item;

  /** A ledger whose process dies once, just before or after the first write `write` picks. */
  const crashingLedger = (write: (input: UpdateCommand['input']) => boolean, moment: Moment) => {
    let crashed = false;
    const send = (async (command: Parameters<Send>[0]) => {
      const picked = !crashed && command instanceof UpdateCommand && write(command.input);
      if (picked && moment === 'before') {
        crashed = true;
        throw new Error('process crashed');
      }
      const output = await documentClient.send(command as never);
      if (picked) {
        crashed = true;
        throw new Error('process crashed');
      }
      return output;
    }) as Send;
    return buildStockLedger({ send } as DynamoDBDocumentClient, tables);
  };

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, tables);
    documentClient = createDocumentClient(dynamodb.client);
    ledger = buildStockLedger(documentClient, tables);
  });

  // Holds outlive a reseeded stock, as in production: each test its own order ids.
  let test = 0;
  const orderId = (name: string) => `${name}-${test}`;
  beforeEach(async () => {
    test += 1;
    await putStock(documentClient, tables.StockTable, DEMO_CATALOG);
  });

  afterAll(() => dynamodb.stop());

  it('keeps every counter the same size however many orders hold the SKU', async () => {
    const before = JSON.stringify(await counters('MS-002')).length;

    for (let i = 0; i < 40; i += 1) await ledger.reserve(`sized-${i}`, [{ sku: 'MS-002', quantity: 1 }]);

    expect(await stockOf('MS-002')).toBe(960);
    expect(await tokensOn('MS-002')).toEqual([]);
    // Same attributes, and a stock of 3 digits instead of 3: the same size within a few bytes.
    expect(JSON.stringify(await counters('MS-002')).length).toBeLessThanOrEqual(before + 4);
  });

  it('records on the order’s hold which shards it drew from', async () => {
    // 200 units: 50 on each of the 4 shards.
    await putStock(documentClient, tables.StockTable, [{ sku: 'SPREAD-1', stock: 200 }]);

    await ledger.reserve(orderId('held'), [{ sku: 'SPREAD-1', quantity: 120 }]);

    const hold = await holdOf(orderId('held'), 'SPREAD-1');
    const draws = hold?.draws as { shard: number; units: number }[];
    expect(hold).toMatchObject({ state: 'RESERVED', quantity: 120 });
    expect(draws.map((draw) => draw.units)).toEqual([50, 50, 20]);
    expect(new Set(draws.map((draw) => draw.shard)).size).toBe(3);
    expect(await stockOf('SPREAD-1')).toBe(80);
  });

  it('commits by writing the hold alone: no counter changes', async () => {
    await ledger.reserve('commit-1', [line]);
    const before = await counters(line.sku);

    await ledger.commit('commit-1', [line]);

    expect(await counters(line.sku)).toEqual(before);
    expect(await holdOf('commit-1', line.sku)).toMatchObject({ state: 'COMMITTED' });
  });

  describe('a reserve that crashed between its writes, resumed by its retry', () => {
    it.each([
      ['the hold recorded the step, the counter not yet written', writes.counterChange, 'before'],
      ['the counter took the units, the hold not yet told', writes.counterChange, 'after'],
      ['the hold recorded the draw, the counter still holding the token', writes.counterForget, 'before'],
    ] as const)('%s: takes the units exactly once and leaves no token', async (_, write, moment) => {
      await expect(crashingLedger(write, moment).reserve(orderId('crash-r'), [line])).rejects.toThrow(
        'process crashed',
      );

      await ledger.reserve(orderId('crash-r'), [line]);

      expect(await stockOf(line.sku)).toBe(495);
      expect(await tokensOn(line.sku)).toEqual([]);
      expect(await holdOf(orderId('crash-r'), line.sku)).toMatchObject({ state: 'RESERVED' });
    });

    it.each([
      ['before its counter write', 'before', 500],
      ['after its counter write', 'after', 500],
    ] as const)(
      'crashed %s and compensated instead of retried: release gives back only what was taken',
      async (_, moment, left) => {
        await expect(crashingLedger(writes.counterChange, moment).reserve(orderId('crash-c'), [line])).rejects.toThrow(
          'process crashed',
        );

        await ledger.release(orderId('crash-c'), [line]);
        await ledger.release(orderId('crash-c'), [line]);

        expect(await stockOf(line.sku)).toBe(left);
        expect(await tokensOn(line.sku)).toEqual([]);
        expect(await holdOf(orderId('crash-c'), line.sku)).toMatchObject({ state: 'RELEASED' });
      },
    );
  });

  it('leaves no token behind when a line drawn from several shards crashed after recording its first draw', async () => {
    await putStock(documentClient, tables.StockTable, [{ sku: 'SPREAD-2', stock: 200 }]);
    const spread = [{ sku: 'SPREAD-2', quantity: 120 }];
    await expect(crashingLedger(writes.counterForget, 'before').reserve(orderId('multi'), spread)).rejects.toThrow(
      'process crashed',
    );

    await ledger.reserve(orderId('multi'), spread);
    expect(await tokensOn('SPREAD-2')).toEqual([]);
    await expect(crashingLedger(writes.counterForget, 'before').release(orderId('multi'), spread)).rejects.toThrow(
      'process crashed',
    );
    await ledger.release(orderId('multi'), spread);

    expect(await stockOf('SPREAD-2')).toBe(200);
    expect(await tokensOn('SPREAD-2')).toEqual([]);
  });

  describe('a release that crashed between its writes, resumed by its retry', () => {
    it.each([
      ['the hold marked releasing, the counter not yet given back', writes.counterChange, 'before'],
      ['the counter given back, the hold not yet told', writes.counterChange, 'after'],
      ['the hold recorded the return, the counter still holding the token', writes.counterForget, 'before'],
    ] as const)('%s: gives back exactly once and leaves no token', async (_, write, moment) => {
      await ledger.reserve(orderId('crash-x'), [line]);
      await expect(crashingLedger(write, moment).release(orderId('crash-x'), [line])).rejects.toThrow(
        'process crashed',
      );

      await ledger.release(orderId('crash-x'), [line]);

      expect(await stockOf(line.sku)).toBe(500);
      expect(await tokensOn(line.sku)).toEqual([]);
      expect(await holdOf(orderId('crash-x'), line.sku)).toMatchObject({ state: 'RELEASED' });
    });
  });
});
