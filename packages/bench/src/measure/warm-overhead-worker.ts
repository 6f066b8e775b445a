import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { validOrderRequest } from '@order-platform/domain/testing';
import { shardKeysOf } from '@order-platform/persistence';
import { anHttpEvent } from '@order-platform/http/testing';
import type { Context } from 'aws-lambda';
import { shuffled } from '../stats';
import type { WarmRequest, WorkerMessage } from '../warm-overhead';

// Runs in its own process (measure/warm-overhead.ts forks it, stdout discarded): the bundled
// handlers log a JSON line per request to stdout, as on Lambda, and that cost belongs to the
// handler's figure. Each handler is the deployed bundle, invoked in-process; its floor sends the
// same DynamoDB (and Step Functions) requests through the SDK directly. Results go back over IPC.

const [getOrderBundle, createOrderBundle, warmupArg, samplesArg] = process.argv.slice(2);
const WARMUP = Number(warmupArg);
const SAMPLES = Number(samplesArg);
const env = (name: string) => process.env[name] as string;

type Handler = (event: unknown, context: Context) => Promise<{ statusCode: number; body?: string }>;
// The deployed bundles are CommonJS; their clients read the endpoints and tables from the environment.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle path known at run time
const load = (bundle: string) => (require(bundle) as { handler: Handler }).handler;

let invocation = 0;
const contextFor = (functionName: string): Context => {
  invocation += 1;
  return {
    functionName,
    awsRequestId: `bench-${invocation}`,
    getRemainingTimeInMillis: () => 10_000,
  } as unknown as Context;
};

const callsSinceMark = () =>
  new Promise<string[]>((resolve) => {
    process.once('message', (calls: string[]) => resolve(calls));
    process.send?.({ type: 'calls-since-mark' } satisfies WorkerMessage);
  });

const timed = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

const measure = async (
  route: string,
  handlerRequest: (i: number) => Promise<unknown>,
  floorRequest: (i: number) => Promise<unknown>,
): Promise<WarmRequest> => {
  await callsSinceMark();
  await handlerRequest(-1);
  const handlerCalls = await callsSinceMark();
  await floorRequest(-1);
  const floorCalls = await callsSinceMark();
  for (let i = 0; i < WARMUP; i += 1) {
    await handlerRequest(i);
    await floorRequest(i);
  }
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  for (let i = WARMUP; i < WARMUP + SAMPLES; i += 1) {
    // Either may go first: neither always meets a freshly collected heap.
    for (const side of shuffled(['handler', 'floor'] as const)) {
      if (side === 'handler') handlerMs.push(await timed(() => handlerRequest(i)));
      else floorMs.push(await timed(() => floorRequest(i)));
    }
  }
  return { route, handlerMs, floorMs, handlerCalls, floorCalls };
};

const main = async () => {
  const getOrder = load(getOrderBundle as string);
  const createOrder = load(createOrderBundle as string);
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const sfn = new SFNClient({});
  const ordersTable = env('ORDERS_TABLE');
  const catalogTable = env('CATALOG_TABLE');
  const stockTable = env('STOCK_TABLE');
  const body = validOrderRequest();
  const customerId = 'bench-customer';

  const post = async (idempotencyKey: string) => {
    const response = await createOrder(
      anHttpEvent({
        customerId,
        routeKey: 'POST /orders',
        rawPath: '/orders',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      }),
      contextFor('createOrder'),
    );
    if (response.statusCode !== 202) throw new Error(`POST /orders answered ${response.statusCode}: ${response.body}`);
    return JSON.parse(response.body ?? '{}') as { orderId: string };
  };

  // One real order to read, and the item and workflow input every floor write copies.
  const { orderId } = await post('bench-template');
  const { Item: storedOrder } = await documentClient.send(
    new GetCommand({ TableName: ordersTable, Key: { orderId }, ConsistentRead: true }),
  );
  if (!storedOrder) throw new Error('the order the handler accepted is not in the table');
  const workflowInput = JSON.stringify({
    orderId,
    items: body.items,
    shippingMethod: body.shippingMethod,
    shippingAddress: body.shippingAddress,
  });

  const getRequest = async () => {
    const response = await getOrder(
      anHttpEvent({ customerId, routeKey: 'GET /orders/{orderId}', pathParameters: { orderId } }),
      contextFor('getOrder'),
    );
    if (response.statusCode !== 200) throw new Error(`GET /orders/{orderId} answered ${response.statusCode}`);
  };
  const getFloor = () =>
    documentClient.send(new GetCommand({ TableName: ordersTable, Key: { orderId }, ConsistentRead: true }));

  const postFloor = async (i: number) => {
    const floorOrderId = `floor-${i}-${orderId}`;
    await documentClient.send(
      new GetCommand({ TableName: ordersTable, Key: { orderId: floorOrderId }, ConsistentRead: true }),
    );
    await documentClient.send(
      new BatchGetCommand({
        RequestItems: { [catalogTable]: { Keys: body.items.map(({ sku }) => ({ sku })) } },
      }),
    );
    await documentClient.send(
      new BatchGetCommand({
        RequestItems: {
          [stockTable]: { Keys: body.items.flatMap(({ sku }) => shardKeysOf(sku).map((shardKey) => ({ shardKey }))) },
        },
      }),
    );
    await documentClient.send(
      new PutCommand({
        TableName: ordersTable,
        Item: { ...storedOrder, orderId: floorOrderId },
        ConditionExpression: 'attribute_not_exists(orderId)',
      }),
    );
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: env('ORDER_WORKFLOW_ALIAS_ARN'),
        name: floorOrderId,
        input: workflowInput,
      }),
    );
  };

  const requests = [
    await measure('GET /orders/{orderId}', getRequest, getFloor),
    await measure('POST /orders', (i) => post(`bench-${i}`), postFloor),
  ];
  process.send?.({ type: 'done', requests } satisfies WorkerMessage);
  documentClient.destroy();
  sfn.destroy();
};

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
