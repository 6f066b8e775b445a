import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProductCatalog, StockLedger } from '@order-platform/domain';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '@order-platform/local-dynamodb';
import {
  buildProductCatalog,
  buildStockLedger,
  createDocumentClient,
  putProducts,
  shardKeysOf,
} from '@order-platform/persistence';
import { createTables, tableNamesFor } from '@order-platform/persistence/tables';
import { startDynamoDbRecorder, type DynamoDbRecorder } from '../dynamodb-recorder';
import { costOf, IN_FLIGHT_LEVELS, PROBES, type LevelFigures } from '../stock';

// Measures what the stock ledger and the catalog cost as orders pile up on one SKU (the goal and
// the verdict are ../stock.ts's): a local DynamoDB, the orders held through a client that goes
// straight to it, the measured operations through one that goes through the recorder.

const HOT_SKU = 'HOT-001';
const SETUP_CONCURRENCY = 50;

/** Runs `work` for 0..count-1, `concurrency` at a time. */
const inParallel = async (count: number, concurrency: number, work: (i: number) => Promise<unknown>) => {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next += 1;
      await work(next - 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
};

/** The calls the recorder saw while `measured` ran. */
const recorded = async (recorder: DynamoDbRecorder, measured: () => Promise<unknown>) => {
  const before = recorder.calls.length;
  await measured();
  return recorder.calls.slice(before);
};

interface Subject {
  readonly recorder: DynamoDbRecorder;
  readonly ledger: StockLedger;
  readonly catalog: ProductCatalog;
  readonly direct: DynamoDBDocumentClient;
  readonly tables: Readonly<Record<'StockTable' | 'StockHoldsTable', string>>;
}

const line = [{ sku: HOT_SKU, quantity: 1 }];

/** PROBES reservations on the hot SKU, half committed and half released, and one read of the catalog. */
const measureLevel = async (
  { recorder, ledger, catalog, direct, tables: { StockTable, StockHoldsTable } }: Subject,
  inFlight: number,
): Promise<LevelFigures> => {
  const probe = (i: number) => `probe-${inFlight}-${i}`;
  const reserve = await recorded(recorder, async () => {
    for (let i = 0; i < PROBES; i += 1) await ledger.reserve(probe(i), line);
  });
  const commit = await recorded(recorder, async () => {
    for (let i = 0; i < PROBES / 2; i += 1) await ledger.commit(probe(i), line);
  });
  const release = await recorded(recorder, async () => {
    for (let i = PROBES / 2; i < PROBES; i += 1) await ledger.release(probe(i), line);
  });
  const catalogCalls = await recorded(recorder, () => catalog.listAll());
  const sizeOf = async (TableName: string, Key: Record<string, string>) =>
    JSON.stringify((await direct.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item ?? {}).length;
  const counters = await Promise.all(shardKeysOf(HOT_SKU).map((shardKey) => sizeOf(StockTable, { shardKey })));
  return {
    inFlight,
    reserve: costOf(reserve, PROBES),
    commit: costOf(commit, PROBES / 2),
    release: costOf(release, PROBES / 2),
    catalog: { ...costOf(catalogCalls, 1), itemsRead: catalogCalls.reduce((sum, call) => sum + call.itemsRead, 0) },
    counterBytes: Math.max(...counters),
    holdBytes: await sizeOf(StockHoldsTable, { orderId: `held-${inFlight - 1}`, sku: HOT_SKU }),
  };
};

export const measureStockCost = async (log: (line: string) => void): Promise<LevelFigures[]> => {
  const dynamodb = await startLocalDynamoDb();
  const recorder = await startDynamoDbRecorder(dynamodb.endpoint);
  const client = new DynamoDBClient({
    endpoint: recorder.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const { CatalogTable, StockTable, StockHoldsTable } = tableNamesFor('order-platform-bench');
    const tables = { CatalogTable, StockTable, StockHoldsTable };
    await createTables(dynamodb.client, tables);
    const direct = createDocumentClient(dynamodb.client);
    const through = createDocumentClient(client);
    const units = Math.max(...IN_FLIGHT_LEVELS) + IN_FLIGHT_LEVELS.length * PROBES + 1_000;
    await putProducts(direct, tables, [
      ...DEMO_CATALOG,
      { sku: HOT_SKU, name: 'Flash-sale item', unitPrices: { EUR: 1000 }, stock: units },
    ]);
    const holding = buildStockLedger(direct, tables);
    const ledger = buildStockLedger(through, tables);
    const catalog = buildProductCatalog(through, tables);

    const levels: LevelFigures[] = [];
    let held = 0;
    for (const inFlight of IN_FLIGHT_LEVELS) {
      log(`stock: holding ${inFlight.toLocaleString('en')} orders on ${HOT_SKU}…`);
      const from = held;
      await inParallel(inFlight - from, SETUP_CONCURRENCY, (i) => holding.reserve(`held-${from + i}`, line));
      held = inFlight;
      levels.push(await measureLevel({ recorder, ledger, catalog, direct, tables }, inFlight));
    }
    return levels;
  } finally {
    client.destroy();
    await recorder.stop();
    await dynamodb.stop();
  }
};
