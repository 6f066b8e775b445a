import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { paginateListExecutions, SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { validOrderRequest } from '@order-platform/domain/testing';
import { createDocumentClient } from '@order-platform/persistence';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@order-platform/local-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { signLocalToken, freePort, LOCAL_TABLES, REPO_ROOT } from '@order-platform/local-cloud';
import { auditOrders, IN_FLIGHT, ORDERS, type LoadFigures, type OrderAudit } from '../local-stack';
import { percentile } from '../stats';

// Drives the local stack: `npm start` of a checkout spawned and timed to its banner; against it,
// ORDERS orders POSTed by IN_FLIGHT clients, every execution waited for, and the tables read back
// for the audit (../local-stack.ts). start-time.ts and throughput.ts here use it.

const SETTLE_TIMEOUT_MS = 300_000;
/** serverless-offline gives up after 90 s (local-cloud); this is for an npm start that hangs otherwise. */
const READY_TIMEOUT_MS = 240_000;

export interface Ports {
  readonly http: number;
  readonly dynamodb: number;
  readonly stepFunctions: number;
}

/** `npm start` in `checkout` (this repository unless given) on free ports, timed from spawn to its banner. */
export const startNpmStart = async (
  checkout: string = REPO_ROOT,
): Promise<{ child: ChildProcess; ports: Ports; readyMs: number }> => {
  const ports = { http: await freePort(), dynamodb: await freePort(), stepFunctions: await freePort() };
  const flags = [
    ['--http-port', ports.http],
    ['--lambda-port', await freePort()],
    ['--dynamodb-port', ports.dynamodb],
    ['--step-functions-port', ports.stepFunctions],
    ['--sns-port', await freePort()],
    ['--console-port', await freePort()],
  ].flatMap(([flag, port]) => [String(flag), String(port)]);
  const startedAt = performance.now();
  const child = spawn('npm', ['start', '--silent', '--', ...flags], {
    cwd: checkout,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const readyMs = await new Promise<number>((resolve, reject) => {
    let output = '';
    // The first line of the error says why (measureRound reports that line); the output follows.
    const why = () =>
      output.split('\n').find((line) => line.startsWith('Cannot start:')) ?? output.trim().split('\n').at(-1);
    const timer = setTimeout(() => {
      reject(new Error(`npm start was not ready after ${READY_TIMEOUT_MS / 1000} s: ${why()}\n${output}`));
      process.kill(-(child.pid as number), 'SIGKILL');
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Order platform is running')) {
        clearTimeout(timer);
        resolve(performance.now() - startedAt);
        // From here on its output (a line per step and per execution under load) is drained
        // unread: kept and searched, it cost this process, the load generator, CPU quadratic in it.
        for (const stream of [child.stdout, child.stderr]) stream?.off('data', onData).resume();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}: ${why()}\n${output}`));
    });
  });
  return { child, ports, readyMs };
};

export const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    process.kill(-(child.pid as number), 'SIGINT');
  });

/** Order i: one cable and one of four products (the 250 monitor orders meet 200 in stock). */
const orderBody = (i: number) => {
  const products = ['KB-001', 'MS-002', 'HD-004', 'MN-003'];
  return validOrderRequest({
    items: [
      { sku: 'CB-005', quantity: 1 },
      { sku: products[i % products.length] as string, quantity: 1 },
    ],
    // One order in 25 is declined by the sandbox provider (25 and 4 are coprime: every product).
    payment: { token: i % 25 === 7 ? 'tok_declined' : 'tok_visa' },
  });
};

/** ORDERS orders POSTed by IN_FLIGHT shop frontends at once, each retrying as a shop would. */
const placeOrders = async (ports: Ports) => {
  const apiUrl = `http://127.0.0.1:${ports.http}`;
  const tokens = Array.from({ length: IN_FLIGHT }, (_, i) => signLocalToken(`bench-customer-${i}`));
  const placed = {
    latencies: [] as number[],
    accepted: [] as string[],
    rejected: [] as string[],
    retried: [] as string[],
  };
  let next = 0;
  const t0 = performance.now();
  const wallStart = Date.now();
  const post = (i: number, lane: number) =>
    fetch(`${apiUrl}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens[lane]}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-${i}`,
      },
      body: JSON.stringify(orderBody(i)),
    });
  // A shop frontend retries what did not answer 202 or 4xx with the same Idempotency-Key.
  const place = async (i: number, lane: number) => {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const sent = performance.now();
      const response = await post(i, lane);
      const body = (await response.json()) as { orderId?: string; title?: string; errorMessage?: string };
      placed.latencies.push(performance.now() - sent);
      if (response.status === 202 && body.orderId) return placed.accepted.push(body.orderId);
      const problem = `${response.status} ${body.title ?? body.errorMessage ?? ''}`;
      if ((response.status >= 400 && response.status < 500) || attempt === 3) return placed.rejected.push(problem);
      placed.retried.push(problem);
    }
    return undefined;
  };
  const worker = async (lane: number) => {
    while (next < ORDERS) {
      next += 1;
      await place(next - 1, lane);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, (_, lane) => worker(lane)));
  return { ...placed, postsMs: performance.now() - t0, wallStart };
};

/** Every execution of the state machine, once none is running or `until` (a time) passed; polled every `pollMs`. */
export const executionsOnceSettled = async (
  sfn: SFNClient,
  stateMachineArn: string,
  { until, pollMs }: { until: number; pollMs: number },
) => {
  const listAll = async () => {
    const executions: ExecutionListItem[] = [];
    for await (const page of paginateListExecutions({ client: sfn }, { stateMachineArn, maxResults: 1000 })) {
      executions.push(...(page.executions ?? []));
    }
    return executions;
  };
  let executions = await listAll();
  while (executions.some((execution) => execution.status === 'RUNNING') && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    executions = await listAll();
  }
  return executions;
};

/** Every execution of the local workflow, once none is running (or SETTLE_TIMEOUT_MS passed). */
const settledExecutions = async (ports: Ports) => {
  const sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${ports.stepFunctions}`,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const stateMachineArn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:order-platform-local-order-workflow';
  const executions = await executionsOnceSettled(sfn, stateMachineArn, {
    until: Date.now() + SETTLE_TIMEOUT_MS,
    pollMs: 200,
  });
  sfn.destroy();
  return executions;
};

/** The orders table and the catalog after the load, audited against what was accepted and seeded. */
const readTables = async (
  ports: Ports,
  accepted: readonly string[],
  executions: readonly ExecutionListItem[],
): Promise<OrderAudit> => {
  const documentClient = createDocumentClient(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${ports.dynamodb}`,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  const scan = async (TableName: string) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }));
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };
  const orders = new Map((await scan(LOCAL_TABLES.OrdersTable)).map((order) => [String(order.orderId), order]));
  // Through the public API, not this checkout's tables: the baseline keeps its stock otherwise.
  const catalog = await fetch(`http://127.0.0.1:${ports.http}/catalog`);
  if (!catalog.ok) throw new Error(`GET /catalog answered ${catalog.status} after the load`);
  const { products } = (await catalog.json()) as { products: { sku: string; stock: number }[] };
  return auditOrders({
    accepted,
    orders,
    executions,
    seeded: DEMO_CATALOG,
    stockLeft: new Map(products.map((product) => [product.sku, product.stock])),
  });
};

export const runLoad = async (ports: Ports): Promise<LoadFigures> => {
  const placed = await placeOrders(ports);
  // Every accepted order must reach a closed execution and a terminal order status.
  const executions = await settledExecutions(ports);
  const lastClosed = Math.max(...executions.map((execution) => execution.stopDate?.getTime() ?? Date.now()));
  return {
    accepted: placed.accepted.length,
    rejected: placed.rejected,
    retried: placed.retried,
    postsMs: placed.postsMs,
    terminalMs: lastClosed - placed.wallStart,
    p50: percentile(placed.latencies, 50),
    p99: percentile(placed.latencies, 99),
    max: Math.max(...placed.latencies),
    ...(await readTables(ports, placed.accepted, executions)),
  };
};
