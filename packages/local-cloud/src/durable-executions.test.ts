import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { anOrder } from '@order-platform/domain/testing';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_STAGE, LOCAL_TABLES, startLocalServices, type LocalServices } from './local-services';
import { stopGracefully } from './start/graceful-stop';
import { listenOnLoopback } from '@order-platform/loopback-guard';
import { freePort } from './ports';
import { createExecutionStore } from './step-functions/execution-store';
import { loadServiceDefinition, type ServiceDefinition } from './step-functions/service-definition';

// The local services on --persist in a temporary data directory, stopped and started again: what
// survives, what is resumed, and what an aborted execution may still do. A gate in front of
// DynamoDB holds the step handlers' calls, so that an execution is caught mid-step on purpose.

jest.setTimeout(90_000);

/**
 * A DynamoDB endpoint that forwards every request to the stack's dynalite, or holds them all while
 * closed. It outlives the stacks of a test: the step handlers load once per process and keep the
 * DynamoDB endpoint they first read, so every start in this file puts the same endpoint in front.
 */
const gatedDynamoDb = () => {
  let open = true;
  let target = '';
  const held: (() => void)[] = [];
  const seen: string[] = [];
  let onHeld: () => void = () => undefined;
  const forward = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const send = () => {
        const table = (JSON.parse(body.toString('utf8') || '{}') as { TableName?: string }).TableName;
        const call = `${String(request.headers['x-amz-target']).split('.').pop()} ${table}`;
        const upstream = httpRequest(
          `${target}${request.url ?? '/'}`,
          // Addressed to dynalite, which answers only requests whose Host is its own.
          { method: request.method, headers: { ...request.headers, host: new URL(target).host } },
          (answer) => {
            seen.push(`${call} ${answer.statusCode}`);
            response.writeHead(answer.statusCode ?? 500, answer.headers);
            answer.pipe(response);
          },
        );
        upstream.on('error', () => {
          seen.push(`${call} unanswered`);
          response.destroy();
        });
        upstream.end(body);
      };
      if (open) return send();
      held.push(send);
      onHeld();
    });
  };
  const server = listenOnLoopback(createServer(forward), 0, 'none');
  return {
    /** Calls made through the gate, as `<operation> <table> <HTTP status or unanswered>`. */
    seen,
    close() {
      open = false;
    },
    /** Resolves once a call is held behind the closed gate. */
    aCallHeld: () =>
      new Promise<void>((resolve) => {
        if (held.length > 0) return resolve();
        onHeld = resolve;
      }),
    open() {
      open = true;
      for (const send of held.splice(0)) send();
    },
    /** For `interposeDynamoDb`: the gate now forwards to `dynamoDbEndpoint`. */
    interpose: async (dynamoDbEndpoint: string) => {
      target = dynamoDbEndpoint;
      return { endpoint: (await server).endpoint, stop: async () => undefined };
    },
    stop: async () => (await server).stop(),
  };
};

const gate = gatedDynamoDb();
let dataDir: string;
/**
 * Every start in this file keeps one SNS/EventBridge port, as `npm start --persist` run again
 * does: the step handlers, loaded once in this process, keep the endpoint they first found.
 */
let snsPort: number;
let service: Promise<ServiceDefinition>;
const running: LocalServices[] = [];

const start = async () => {
  const services = await startLocalServices(
    {
      dynamoDbPort: 0,
      stepFunctionsPort: 0,
      snsPort,
      consolePort: 0,
      persist: true,
      dataDir,
      interposeDynamoDb: gate.interpose,
    },
    service,
  );
  running.push(services);
  const sfn = new SFNClient({
    endpoint: services.stepFunctions.endpoint,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const dynamodb = new DynamoDBClient({
    endpoint: services.dynamoDbEndpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const orders = buildOrderRepository(createDocumentClient(dynamodb), LOCAL_TABLES.OrdersTable);
  const release = () => {
    sfn.destroy();
    dynamodb.destroy();
    running.splice(running.indexOf(services), 1);
  };
  const stop = async () => {
    release();
    await services.stop();
  };
  return { services, sfn, orders, stop, release };
};

/** An order in the table, as POST /orders stores it, and the request that starts its execution. */
const placedOrder = async (orders: ReturnType<typeof buildOrderRepository>, stateMachineArn: string) => {
  const order = anOrder({ orderId: `order-${Math.random().toString(36).slice(2)}` });
  await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
  const input = {
    orderId: order.orderId,
    items: order.items.map(({ sku, quantity }) => ({ sku, quantity })),
    shippingMethod: order.shippingMethod,
    shippingAddress: order.shippingAddress,
  };
  return { stateMachineArn, name: order.orderId, input: JSON.stringify(input) };
};

const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean) => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

beforeAll(async () => {
  snsPort = await freePort();
  service = loadServiceDefinition(LOCAL_STAGE);
  // Steps log their failures as on Lambda.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
});
afterEach(async () => {
  gate.open();
  for (const services of running.splice(0)) await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
afterAll(() => gate.stop());

describe('local executions on --persist', () => {
  it('leaves an execution caught mid-step RUNNING on disk, runs nothing after its abort, and re-drives it to the end at the next start', async () => {
    // Prepare: ConfirmPayment's calls to DynamoDB held at the gate.
    const first = await start();
    const callsBefore = gate.seen.length;
    const request = await placedOrder(first.orders, first.services.workflow.stateMachineArn);
    gate.close();
    const { executionArn = '', startDate } = await first.sfn.send(new StartExecutionCommand(request));
    await gate.aCallHeld();

    // Act: stop the stack while the step runs; let the step finish once its execution is aborted.
    const stopping = first.stop();
    await eventually(
      async () => first.services.executions.describe(executionArn).status,
      (status) => status === 'ABORTED',
    );
    const callsAtTheAbort = gate.seen.length;
    gate.open();
    await stopping;

    // Assess: the step in flight finished before DynamoDB closed (its last write, the payment's
    // milestone on the order, was answered); no step after it ran (no stock reserved, no
    // invoice); on disk the execution is still RUNNING.
    const calls = gate.seen.slice(callsBefore);
    expect(calls.length).toBeGreaterThan(callsAtTheAbort - callsBefore);
    expect(calls.at(-1)).toBe(`UpdateItem ${LOCAL_TABLES.OrdersTable} 200`);
    expect(calls.filter((call) => !call.endsWith(' 200'))).toEqual([]);
    const stockOrInvoice = [LOCAL_TABLES.StockTable, LOCAL_TABLES.StockHoldsTable, LOCAL_TABLES.InvoicesTable];
    expect(calls.filter((call) => stockOrInvoice.some((table) => call.includes(table)))).toEqual([]);
    const onDisk = createExecutionStore(join(dataDir, 'step-functions')).load();
    expect(onDisk.executions.map(({ name, status }) => ({ name, status }))).toEqual([
      { name: request.name, status: 'RUNNING' },
    ]);

    // Act: start again on the same data.
    const second = await start();
    expect(second.services.restored).toEqual({ resumed: 1, closed: 0, problems: [] });
    const described = await eventually(
      () => second.sfn.send(new DescribeExecutionCommand({ executionArn })),
      (execution) => execution.status !== 'RUNNING',
    );

    // Assess: the same execution (name, ARN, input, start date) ran to its end and the order is dispatched.
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: request.name, input: request.input, startDate });
    expect((await second.orders.get(request.name))?.order.status).toBe('DISPATCHED');
    const { events = [] } = await second.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    expect(events.filter((event) => event.type === 'ExecutionStarted')).toEqual([
      expect.objectContaining({ id: 1, timestamp: startDate }),
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    await second.stop();

    // A third start finds it closed, with the same history, and its name taken.
    const third = await start();
    expect(third.services.restored).toEqual({ resumed: 0, closed: 1, problems: [] });
    expect(await third.sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject(described);
    const again = await third.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    expect(again.events).toEqual(events);
    const { executions = [] } = await third.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: request.stateMachineArn, statusFilter: 'SUCCEEDED' }),
    );
    expect(executions.map((execution) => execution.executionArn)).toEqual([executionArn]);
    await expect(third.sfn.send(new StartExecutionCommand(request))).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('stops gracefully: refuses new executions, lets a running one finish within the grace period, aborts nothing', async () => {
    const stack = await start();
    // As npm start does before it is ready: Ctrl-C must find every step loaded.
    await stack.services.workflow.loadSteps();
    const request = await placedOrder(stack.orders, stack.services.workflow.stateMachineArn);
    gate.close();
    const { executionArn = '' } = await stack.sfn.send(new StartExecutionCommand(request));
    await gate.aCallHeld();

    const stopping = stopGracefully(stack.services, { graceMs: 60_000 });
    const refused = await eventually(
      () => stack.sfn.send(new StartExecutionCommand({ ...request, name: 'too-late' })).catch((error: Error) => error),
      (answer) => answer instanceof Error,
    );
    expect(refused).toMatchObject({ name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    expect(stack.services.executions.describe(executionArn).status).toBe('RUNNING');
    gate.open();

    expect(await stopping).toEqual([]);
    stack.release();
    expect(stack.services.executions.describe(executionArn).status).toBe('SUCCEEDED');
    const onDisk = createExecutionStore(join(dataDir, 'step-functions')).load();
    expect(onDisk.executions.map(({ name, status }) => ({ name, status }))).toEqual([
      { name: request.name, status: 'SUCCEEDED' },
    ]);
  });
});
