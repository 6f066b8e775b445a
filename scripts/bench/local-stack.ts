import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { paginateListExecutions, SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { validOrderRequest } from '@order-platform/domain/testing';
import { buildProductCatalog, createDocumentClient } from '@order-platform/persistence';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@order-platform/local-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { signLocalToken, freePort, LOCAL_TABLES, REPO_ROOT } from '@order-platform/local-cloud';
import { percentile } from './stats';

// What `npm start` costs and carries: start-up timed from spawning `npm start` to its "running"
// banner; the load is real HTTP against that same process, with the workflow running every order
// to its end.

const STARTS = 3;
const ORDERS = 1_000;
const IN_FLIGHT = 50;
const SETTLE_TIMEOUT_MS = 300_000;

interface Ports {
  readonly http: number;
  readonly dynamodb: number;
  readonly stepFunctions: number;
}

const startNpmStart = async (): Promise<{ child: ChildProcess; ports: Ports; readyMs: number }> => {
  const ports = { http: await freePort(), dynamodb: await freePort(), stepFunctions: await freePort() };
  const flags = [
    ['--http-port', ports.http],
    ['--lambda-port', await freePort()],
    ['--dynamodb-port', ports.dynamodb],
    ['--step-functions-port', ports.stepFunctions],
    ['--sns-port', await freePort()],
  ].flatMap(([flag, port]) => [String(flag), String(port)]);
  const startedAt = performance.now();
  const child = spawn('npm', ['start', '--silent', '--', ...flags], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const readyMs = await new Promise<number>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Order platform is running')) resolve(performance.now() - startedAt);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { child, ports, readyMs };
};

const stop = (child: ChildProcess) =>
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

/** Every execution of the local workflow, once none is running (or SETTLE_TIMEOUT_MS passed). */
const settledExecutions = async (ports: Ports) => {
  const sfn = new SFNClient({
    endpoint: `http://127.0.0.1:${ports.stepFunctions}`,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const stateMachineArn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:order-platform-local-order-workflow';
  const listAll = async () => {
    const executions: ExecutionListItem[] = [];
    for await (const page of paginateListExecutions({ client: sfn }, { stateMachineArn, maxResults: 1000 })) {
      executions.push(...(page.executions ?? []));
    }
    return executions;
  };
  let executions = await listAll();
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (executions.some((execution) => execution.status === 'RUNNING') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    executions = await listAll();
  }
  sfn.destroy();
  return executions;
};

/** What the tables say after the load: orders lost or stuck, how they ended, and whether stock was conserved. */
const auditOrders = async (ports: Ports, accepted: readonly string[], executions: readonly ExecutionListItem[]) => {
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
  const executionByName = new Map(executions.map((execution) => [execution.name, execution]));
  const lost = accepted.filter((orderId) => !orders.has(orderId) || !executionByName.has(orderId));
  const stuck = accepted.filter((orderId) => {
    const status = String(orders.get(orderId)?.status);
    return !['DISPATCHED', 'FAILED'].includes(status) || executionByName.get(orderId)?.status === 'RUNNING';
  });
  const statusCounts: Record<string, number> = {};
  for (const orderId of accepted) {
    const order = orders.get(orderId) as { status?: string; failure?: { error?: string } } | undefined;
    const key = order?.status === 'FAILED' ? `FAILED (${order.failure?.error ?? '?'})` : String(order?.status);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
  }

  // Stock is conserved: what is left plus what was dispatched is what there was; never below 0.
  const products = await buildProductCatalog(documentClient, LOCAL_TABLES.CatalogTable).listAll();
  const catalog = new Map(products.map((product) => [product.sku, product]));
  const dispatchedUnits = new Map<string, number>();
  for (const order of [...orders.values()].filter((candidate) => candidate.status === 'DISPATCHED')) {
    for (const item of order.items as { sku: string; quantity: number }[]) {
      dispatchedUnits.set(item.sku, (dispatchedUnits.get(item.sku) ?? 0) + item.quantity);
    }
  }
  const stockErrors = DEMO_CATALOG.filter((product) => {
    const left = Number(catalog.get(product.sku)?.stock);
    return left < 0 || left + (dispatchedUnits.get(product.sku) ?? 0) !== product.stock;
  }).map((product) => product.sku);
  return {
    lost: lost.length,
    stuck: stuck.length,
    statusCounts,
    stockErrors,
    monitorsLeft: Number(catalog.get('MN-003')?.stock),
  };
};

const runLoad = async (ports: Ports) => {
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
    ...(await auditOrders(ports, placed.accepted, executions)),
  };
};

export type LocalStackFigures = { readyTimes: number[]; load: Awaited<ReturnType<typeof runLoad>> };

export const measureLocalStack = async (log: (line: string) => void): Promise<LocalStackFigures> => {
  const readyTimes: number[] = [];
  let load: Awaited<ReturnType<typeof runLoad>> | undefined;
  for (let run = 1; run <= STARTS; run += 1) {
    const { child, ports, readyMs } = await startNpmStart();
    readyTimes.push(readyMs);
    log(`npm start ${run}: ready in ${(readyMs / 1000).toFixed(2)} s`);
    if (run === STARTS) {
      log(`placing ${ORDERS} orders, ${IN_FLIGHT} in flight…`);
      load = await runLoad(ports);
    }
    await stop(child);
  }
  if (!load) throw new Error('no load run');
  return { readyTimes, load };
};

export const localStackSections = ({ readyTimes, load }: LocalStackFigures) => {
  const cores = cpus().length;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const statusLines = Object.entries(load.statusCounts)
    .sort()
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  const met = load.lost === 0 && load.stuck === 0 && load.stockErrors.length === 0;
  return {
    goal: 'no accepted order lost or stuck, stock conserved, under load on the local stack',
    met,
    markdown: `## \`npm start\`: time to ready

From spawning \`npm start\` to its "running" banner (HTTP API, Step Functions, DynamoDB and the SNS
stand-in all listening, the demo catalog seeded). ${STARTS} cold starts, one after the other.

| median | fastest | slowest |
| --- | --- | --- |
| ${seconds(percentile(readyTimes, 50))} | ${seconds(Math.min(...readyTimes))} | ${seconds(Math.max(...readyTimes))} |

## ${ORDERS.toLocaleString('en')} orders, ${IN_FLIGHT} in flight

\`POST /orders\` over HTTP with a JWT and an Idempotency-Key, ${IN_FLIGHT} concurrent clients (each retrying
an answer that is neither 202 nor 4xx, with the same key, up to 3 attempts), against
that \`npm start\`. Every order's execution runs the real ASL (payment, procurement, dispatch, and
compensation where it fails) with the deployed handlers on dynalite. Each order is one cable and one
of four products; the 250 monitor orders meet 200 monitors in stock, and one order in 25 has a
declined card.

| figure | value |
| --- | --- |
| orders accepted (202) | ${load.accepted} of ${ORDERS}${load.rejected.length > 0 ? ` (refused: ${[...new Set(load.rejected)].join('; ')})` : ''} |
| POSTs retried by the client (same key) | ${load.retried.length}${load.retried.length > 0 ? ` (${[...new Set(load.retried)].join('; ')})` : ''} |
| orders per second to terminal state | ${(load.accepted / (load.terminalMs / 1000)).toFixed(1)} (${seconds(load.terminalMs)} from the first POST to the last execution closed) |
| \`POST /orders\` p50 | ${load.p50.toFixed(1)} ms |
| \`POST /orders\` p99 | ${load.p99.toFixed(1)} ms (max ${load.max.toFixed(1)} ms) |
| all POSTs answered in | ${seconds(load.postsMs)} |
| orders lost (accepted, but no order record or no execution) | ${load.lost} |
| orders stuck (not DISPATCHED or FAILED, or execution still running) | ${load.stuck} |
| final order statuses | ${statusLines} |
| stock conserved (left + dispatched = seeded, never < 0) | ${load.stockErrors.length === 0 ? 'yes, for every SKU' : `NO: ${load.stockErrors.join(', ')}`} (monitors left: ${load.monitorsLeft}) |

These are figures for a laptop stack on ${cores} cores, where the load generator, serverless-offline
and the workflow share the CPU. They say nothing about Lambda's or Step Functions' latency on AWS.
`,
  };
};
