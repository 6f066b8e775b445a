import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { validOrderRequest } from '@order-platform/domain/testing';
import { LOCAL_TABLES, signLocalToken, startLocalPlatformOnFreePorts } from '@order-platform/local-cloud';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@order-platform/local-dynamodb';
import { createDocumentClient, putStock, readStock } from '@order-platform/persistence';
import { startDynamoDbRecorder, type DynamoDbRecorder } from '../dynamodb-recorder';
import { executionsOnceSettled } from './local-stack';
import { costOf, FLASH_SALE, type FlashSaleFigures, type FlashSalePlan } from '../stock';

// The flash sale (the goal and the verdict are ../stock.ts's): the local stack in this process,
// the recorder in front of its DynamoDB, FLASH_SALE.orders orders for one SKU POSTed by
// FLASH_SALE.inFlight clients, every execution waited for, then the tables read back.
// On a machine too slow for it, BENCH_FLASH_SALE_SCALE (e.g. 0.2) scales orders and units alike,
// and BENCH_FLASH_SALE_MINUTES (default 60) bounds the placing: past it no more orders are placed.

const POLL_MS = 1_000;

const budgetMs = () => Number(process.env.BENCH_FLASH_SALE_MINUTES ?? 60) * 60_000;

const planned = (): FlashSalePlan => {
  const scale = Number(process.env.BENCH_FLASH_SALE_SCALE ?? 1);
  return {
    orders: Math.round(FLASH_SALE.orders * scale),
    units: Math.round(FLASH_SALE.units * scale),
    inFlight: FLASH_SALE.inFlight,
  };
};

const scan = async (documentClient: DynamoDBDocumentClient, TableName: string) => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

/** The orders, holds and stock after the sale: every order in the table (the stack ran only the sale). */
const audit = async (documentClient: DynamoDBDocumentClient, executions: readonly ExecutionListItem[]) => {
  const mine = await scan(documentClient, LOCAL_TABLES.OrdersTable);
  const running = new Set(executions.filter((e) => e.status === 'RUNNING').map((e) => e.name));
  const failed: Record<string, number> = {};
  let moneyReturned = 0;
  for (const order of mine.filter((o) => o?.status === 'FAILED')) {
    const error = String((order?.failure as { error?: string } | undefined)?.error ?? '?');
    failed[error] = (failed[error] ?? 0) + 1;
    const payment = String((order?.payment as { status?: string } | undefined)?.status);
    if (payment === 'VOIDED' || payment === 'REFUNDED') moneyReturned += 1;
  }
  const holds = await scan(documentClient, LOCAL_TABLES.StockHoldsTable);
  const stock = await readStock(documentClient, LOCAL_TABLES.StockTable, [FLASH_SALE.sku], { consistent: true });
  return {
    placed: mine.length,
    dispatched: mine.filter((o) => o?.status === 'DISPATCHED').length,
    failed,
    moneyReturned,
    stuck: mine.filter((o) => running.has(String(o.orderId)) || !['DISPATCHED', 'FAILED'].includes(String(o.status)))
      .length,
    holdsLeft: holds.filter((hold) => !['COMMITTED', 'RELEASED'].includes(String(hold.state))).length,
    unitsLeft: (stock.get(FLASH_SALE.sku) ?? []).reduce((sum, units) => sum + units, 0),
  };
};

/** The plan's orders for one unit each, its in-flight count at a time, until the budget runs out. */
const placeOrders = async (apiUrl: string, plan: FlashSalePlan, until: number, log: (line: string) => void) => {
  const tokens = Array.from({ length: plan.inFlight }, (_, lane) => signLocalToken(`flash-customer-${lane}`));
  const body = JSON.stringify(validOrderRequest({ items: [{ sku: FLASH_SALE.sku, quantity: 1 }] }));
  const accepted: string[] = [];
  let rejected = 0;
  let next = 0;
  const place = async (i: number, lane: number) => {
    // A shop frontend retries what did not answer 202 or 4xx, with the same Idempotency-Key.
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const response = await fetch(`${apiUrl}/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[lane]}`,
          'content-type': 'application/json',
          'idempotency-key': `flash-${i}`,
        },
        body,
      });
      const answer = (await response.json()) as { orderId?: string };
      if (response.status === 202 && answer.orderId) return accepted.push(answer.orderId);
      if (response.status < 500 || attempt === 3) return (rejected += 1);
    }
    return undefined;
  };
  const lane = async (index: number) => {
    while (next < plan.orders && Date.now() < until) {
      next += 1;
      if (next % 500 === 0) log(`flash sale: ${next} orders sent…`);
      await place(next - 1, index);
    }
  };
  await Promise.all(Array.from({ length: plan.inFlight }, (_, index) => lane(index)));
  return { accepted, rejected, sent: next };
};

export const measureFlashSale = async (log: (line: string) => void): Promise<FlashSaleFigures> => {
  let recorder: DynamoDbRecorder | undefined;
  const platform = await startLocalPlatformOnFreePorts({
    interposeDynamoDb: async (endpoint) => (recorder = await startDynamoDbRecorder(endpoint)),
    log: () => undefined,
  });
  const client = new DynamoDBClient({
    endpoint: platform.dynamoDbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const sfn = new SFNClient({
    endpoint: platform.stepFunctionsEndpoint,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const plan = planned();
    const documentClient = createDocumentClient(client);
    await putStock(documentClient, LOCAL_TABLES.StockTable, [{ sku: FLASH_SALE.sku, stock: plan.units }]);
    const calls = (recorder as DynamoDbRecorder).calls;
    const before = calls.length;
    const started = Date.now();
    const until = started + budgetMs();
    log(`flash sale: ${plan.orders} orders for ${plan.units} ${FLASH_SALE.sku}, ${plan.inFlight} in flight…`);
    const placed = await placeOrders(platform.apiUrl, plan, until, log);
    log(`flash sale: ${placed.accepted.length} accepted; waiting for every execution to close…`);
    const executions = await executionsOnceSettled(sfn, platform.stateMachineArn, {
      until: Math.max(until, Date.now() + 120_000),
      pollMs: POLL_MS,
    });
    const lastClosed = Math.max(...executions.map((execution) => execution.stopDate?.getTime() ?? Date.now()));
    const during = calls.slice(before);
    const tables = await audit(documentClient, executions);
    const orders = Math.max(1, tables.placed);
    const figures: FlashSaleFigures = {
      plan,
      accepted: placed.accepted.length,
      rejected: placed.rejected,
      ...tables,
      seconds: (lastClosed - started) / 1000,
      perOrder: costOf(during, orders),
      stockPerOrder: costOf(
        during.filter((call) => call.tables.includes(LOCAL_TABLES.StockTable)),
        orders,
      ),
      ...(placed.sent < plan.orders
        ? { incomplete: `${placed.sent} of ${plan.orders} orders sent within ${budgetMs() / 60_000} minutes` }
        : {}),
    };
    log(`flash sale: ${figures.dispatched} dispatched, ${figures.stuck} stuck, ${figures.unitsLeft} units left`);
    return figures;
  } finally {
    sfn.destroy();
    client.destroy();
    await platform.stop();
  }
};
