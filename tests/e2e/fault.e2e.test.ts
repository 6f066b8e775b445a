import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { validOrderRequest } from '@order-platform/domain/testing';
import { freePorts, LOCAL_TABLES, signLocalToken } from '@order-platform/local-cloud';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@order-platform/local-dynamodb';
import { createDocumentClient, readStock } from '@order-platform/persistence';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portFlags, runningNpmStart } from './npm-start';

// The fault test: `npm start -- --persist` killed while orders are in flight, started again on
// the same data, every key replayed. Whatever was acknowledged reaches a terminal state exactly
// once, stock adds up, no reservation is left behind, and no money is kept for an order that
// did not ship. The real entry point is spawned in its own process group and killed as a whole:
// SIGKILL as a crash does, SIGINT as Ctrl-C does. Nothing here asserts how long anything takes.

const ORDERS = 50;
const KILL_AFTER_ANSWERS = 20;
const SHOPPERS = 5;
const CUSTOMER = 'fault-customer';
const TERMINAL = new Set(['DISPATCHED', 'FAILED']);

type Ports = Awaited<ReturnType<typeof freePorts>>;

/** Each order by its key: most ship, some sell out (LT-006 has 3), some cannot be delivered. */
const requestFor = (index: number) => {
  const base = validOrderRequest();
  if (index % 5 === 1) return { ...base, items: [{ sku: 'LT-006', quantity: 1 }] };
  if (index % 10 === 7) return { ...base, shippingAddress: { ...base.shippingAddress, country: 'AQ' } };
  return base;
};

/** `npm start -- --persist` on these ports and this data, once it is ready. */
const startPlatform = async (dataDir: string, ports: Ports) => {
  const started = runningNpmStart('--persist', '--data-dir', dataDir, '--grace-seconds', '5', ...portFlags(ports));
  await started.printed(/Press Ctrl-C to stop\./);
  return started;
};

/** No answer within this long is a failure that names the request, never a hang to jest's timeout. */
const ANSWER_WITHIN_MS = 30_000;

/** Resolves with `promise`, or fails naming `what` after `ms`. */
const within = <T>(ms: number, what: string, promise: Promise<T>) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${what} within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

const api = (ports: Ports) => {
  const bearer = `Bearer ${signLocalToken(CUSTOMER)}`;
  const base = `http://127.0.0.1:${ports.httpPort}`;
  return {
    place: async (index: number) => {
      const response = await fetch(`${base}/orders`, {
        method: 'POST',
        headers: { authorization: bearer, 'content-type': 'application/json', 'idempotency-key': `fault-${index}` },
        body: JSON.stringify(requestFor(index)),
        signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      });
      const body = (await response.json()) as { orderId?: string };
      return { status: response.status, orderId: body.orderId };
    },
  };
};

const tables = (ports: Ports) => {
  const documentClient = createDocumentClient(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${ports.dynamoDbPort}`,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  const scan = async (TableName: string) => (await documentClient.send(new ScanCommand({ TableName }))).Items ?? [];
  return {
    orders: () => scan(LOCAL_TABLES.OrdersTable),
    stock: async () => {
      const stock = await readStock(
        documentClient,
        LOCAL_TABLES.StockTable,
        DEMO_CATALOG.map((product) => product.sku),
        { consistent: true },
      );
      return new Map([...stock].map(([sku, shards]) => [sku, shards.reduce((sum, units) => sum + units, 0)]));
    },
    stockHolds: () => scan(LOCAL_TABLES.StockHoldsTable),
    holds: () => scan(LOCAL_TABLES.SandboxPaymentsTable),
    destroy: () => documentClient.destroy(),
  };
};

/** Until every order in the table is terminal, or 90 s: then fails naming those that are not. */
const allSettled = async (read: ReturnType<typeof tables>) => {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const orders = await read.orders();
    const live = orders.filter((order) => !TERMINAL.has(String(order.status)));
    if (live.length === 0) return orders;
    if (Date.now() > deadline) {
      throw new Error(`Orders still live: ${live.map((order) => `${order.orderId} ${order.status}`).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

describe.each([
  { signal: 'SIGKILL', as: 'a crash' },
  { signal: 'SIGINT', as: 'Ctrl-C' },
] as const)('npm start -- --persist, stopped by $signal ($as) with orders in flight', ({ signal }) => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'order-platform-fault-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('after a restart and a replay of every key, loses nothing, takes nothing twice, strands nothing', async () => {
    const firstPorts = await freePorts();
    const first = await startPlatform(dataDir, firstPorts);
    const acknowledged = new Set<string>();
    // A few shoppers at a time, as traffic arrives: the kill lands with requests on the wire,
    // orders written but not yet answered, executions running, and keys never sent.
    const client = api(firstPorts);
    let next = 0;
    let answered = 0;
    let stopped = false;
    const shopper = async () => {
      while (!stopped && next < ORDERS) {
        const index = next;
        next += 1;
        const placed = await client.place(index).catch(() => undefined);
        if (placed?.status === 202 && placed.orderId) acknowledged.add(placed.orderId);
        answered += 1;
        if (answered === KILL_AFTER_ANSWERS && !stopped) {
          stopped = true;
          if (signal === 'SIGKILL') first.kill();
          else first.interrupt();
        }
      }
    };
    await Promise.all(Array.from({ length: SHOPPERS }, shopper));
    await within(60_000, `exit of the first npm start after ${signal}`, first.exited);
    expect(acknowledged.size).toBeGreaterThan(0);

    const ports = await freePorts();
    const second = await startPlatform(dataDir, ports);
    const read = tables(ports);
    try {
      const client = api(ports);
      const replays = await Promise.all(
        Array.from({ length: ORDERS }, (_, index) =>
          client.place(index).catch((error: unknown) => {
            throw new Error(`Replay of fault-${index} after the restart: ${String(error)}`);
          }),
        ),
      );
      expect(replays.map((replay) => replay.status).filter((status) => status !== 202)).toEqual([]);
      for (const orderId of acknowledged) expect(replays.map((replay) => replay.orderId)).toContain(orderId);

      const orders = await allSettled(read);
      // One order per key, whichever process placed it.
      expect(orders).toHaveLength(ORDERS);

      const dispatchedUnits = new Map<string, number>();
      for (const order of orders.filter((order) => order.status === 'DISPATCHED')) {
        for (const { sku, quantity } of order.items as { sku: string; quantity: number }[]) {
          dispatchedUnits.set(sku, (dispatchedUnits.get(sku) ?? 0) + quantity);
        }
      }
      const stock = await read.stock();
      for (const product of DEMO_CATALOG) {
        expect({ sku: product.sku, taken: product.stock - Number(stock.get(product.sku)) }).toEqual({
          sku: product.sku,
          taken: dispatchedUnits.get(product.sku) ?? 0,
        });
      }
      // No order still holds stock: each hold was committed (shipped) or given back.
      const stillHeld = (await read.stockHolds()).filter(
        (hold) => !['COMMITTED', 'RELEASED'].includes(String(hold.state)),
      );
      expect(stillHeld).toEqual([]);

      const statusOf = new Map(orders.map((order) => [String(order.orderId), String(order.status)]));
      // A hold is taken only for an order that shipped, and released for every other.
      for (const hold of await read.holds()) {
        if (hold.outcome !== 'AUTHORIZED') continue;
        const orderId = String(hold.idempotencyKey).replace(/:authorize$/, '');
        const status = statusOf.get(orderId);
        expect({ order: orderId, status, hold: hold.status }).toEqual({
          order: orderId,
          status,
          hold: status === 'DISPATCHED' ? 'CAPTURED' : 'VOIDED',
        });
      }
    } finally {
      read.destroy();
      await second.cleanUp();
    }
  }, 300_000);
});
