import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newOrder, priceOrder, type CreateOrderRequest, type Order } from '@order-platform/domain';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import { validOrderRequest } from '@order-platform/domain/testing';
import {
  buildOrderRepository,
  buildStockLedger,
  createDocumentClient,
  putProducts,
  readStock,
} from '@order-platform/persistence';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startLocalDynamoDb,
  type LocalDynamoDb,
} from '@order-platform/local-dynamodb';
import { createTables } from '@order-platform/persistence/tables';
import { randomUUID } from 'node:crypto';
import { workflowInputFor } from '../contract';
import { withBranchesInNameOrder } from './paths';
import {
  LOCAL_TABLES,
  createLocalWorkflow,
  eventBusesOf,
  loadServiceDefinition,
  startLocalEventBridge,
  type ExecutionOptions,
  type LocalWorkflow,
  recordingTopics,
  type LocalExecutionEvent,
  type LocalExecutionResult,
} from '@order-platform/local-cloud';

export interface OrderOptions {
  readonly token?: string;
  readonly items?: CreateOrderRequest['items'];
  readonly country?: string;
  readonly shippingMethod?: CreateOrderRequest['shippingMethod'];
  /** The address's second line: `SANDBOX PAUSE <Step>` holds that step at its checkpoint (local: 3 s). */
  readonly addressLine2?: string;
  /** Stores the order in this status instead of PENDING, as if something had moved it on. */
  readonly status?: Order['status'];
  /** Runs from this state with these fields added to the input: the failure path, as a Catch enters it. */
  readonly startAt?: { readonly state: string; readonly withInput: Record<string, unknown> };
  /** Stands in for the deployed functions, to fail a step as only AWS can. */
  readonly lambdas?: ExecutionOptions['lambdas'];
}

export interface WorkflowRun {
  readonly placed: Order;
  readonly execution: LocalExecutionResult;
  readonly order: Order & { paymentToken?: string };
  readonly alerts: readonly { subject?: string; message: Record<string, unknown> }[];
}

/** Stores a PENDING order as POST /orders does, ready for its execution. */
const orderStorer =
  (orders: ReturnType<typeof buildOrderRepository>) =>
  async ({
    token = 'tok_visa',
    items,
    country = 'GB',
    shippingMethod = 'STANDARD',
    status = 'PENDING',
    addressLine2,
  }: OrderOptions) => {
    const base = validOrderRequest();
    const request: CreateOrderRequest = {
      ...base,
      items: items ?? base.items,
      shippingMethod,
      shippingAddress: {
        ...base.shippingAddress,
        country: country as CreateOrderRequest['shippingAddress']['country'],
        ...(addressLine2 === undefined ? {} : { line2: addressLine2 }),
      },
      payment: { token },
    };
    const placed: Order = {
      ...newOrder({
        orderId: randomUUID(),
        customerId: 'customer-1',
        request,
        priced: priceOrder(request.items, request.currency, new Map(DEMO_CATALOG.map((p) => [p.sku, p]))),
        now: new Date(),
      }),
      status,
    };
    await orders.insert({ order: placed, paymentToken: token, requestFingerprint: 'fp' });
    return placed;
  };

/**
 * The real workflow on a local DynamoDB: the definition serverless.yml deploys on the local stage,
 * the deployed step handlers, the demo catalog, and an SNS stand-in that records the alerts.
 */
export const startWorkflowHarness = async ({
  params,
  environment = {},
}: {
  /** Stage parameters for the local stage (e.g. `paymentProvider: stripe`). */
  params?: Readonly<Record<string, string>>;
  /** More for the steps' environment (e.g. where the Stripe test server listens). */
  environment?: Readonly<Record<string, string>>;
} = {}) => {
  const service = await loadServiceDefinition('local', params);
  const dynamodb: LocalDynamoDb = await startLocalDynamoDb();
  const eventBridge = await startLocalEventBridge({ region: LOCAL_REGION, buses: eventBusesOf(service) });
  const documentClient = createDocumentClient(dynamodb.client);
  const topics = recordingTopics();
  let workflow: LocalWorkflow;
  try {
    await createTables(dynamodb.client, LOCAL_TABLES);
    workflow = await createLocalWorkflow({
      service,
      dynamodb: dynamodb.client,
      topics,
      environment: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
        AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        ...environment,
      },
    });
  } catch (error) {
    // A server left listening would keep jest from exiting.
    await Promise.all([dynamodb.stop(), eventBridge.stop()]);
    throw error;
  }
  const orders = buildOrderRepository(documentClient, LOCAL_TABLES.OrdersTable);

  const read = async (tableName: string, key: Record<string, string>) =>
    (await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  const storeOrder = orderStorer(orders);

  /** The order as stored now, and the alerts published about it so far. */
  const stateOf = async (placed: Order): Promise<Pick<WorkflowRun, 'order' | 'alerts'>> => ({
    order: (await read(LOCAL_TABLES.OrdersTable, { orderId: placed.orderId })) as WorkflowRun['order'],
    alerts: topics.published
      .map((published) => ({
        subject: published.subject,
        message: JSON.parse(published.message) as Record<string, unknown>,
      }))
      .filter((alert) => alert.message.orderId === placed.orderId),
  });

  const outcomeOf = async (placed: Order, execution: LocalExecutionResult): Promise<WorkflowRun> => ({
    placed,
    execution,
    ...(await stateOf(placed)),
  });

  return {
    workflow,
    topics,
    storeOrder,
    /** Places an order and runs its execution to the end (retries without waiting). */
    async runOrder({ startAt, lambdas, ...options }: OrderOptions = {}): Promise<WorkflowRun> {
      const placed = await storeOrder(options);
      const execution = await workflow.run(
        placed.orderId,
        { ...workflowInputFor(placed), ...startAt?.withInput },
        { retryIntervalMs: 0, ...(startAt ? { startAt: startAt.state } : {}), ...(lambdas ? { lambdas } : {}) },
      );
      return outcomeOf(placed, execution);
    },
    outcomeOf,
    stateOf,
    /** The adapters the steps use, to put an order where only a crash inside a step leaves it. */
    orders,
    stock: buildStockLedger(documentClient, LOCAL_TABLES),
    resetCatalog: () => putProducts(documentClient, LOCAL_TABLES, DEMO_CATALOG),
    stockOf: async (sku: string) =>
      ((await readStock(documentClient, LOCAL_TABLES.StockTable, [sku], { consistent: true })).get(sku) ?? []).reduce(
        (sum, units) => sum + units,
        0,
      ),
    /** The orders whose hold on the SKU still keeps units from the shop (neither committed nor given back). */
    reservationsOf: async (sku: string) => {
      const { Items = [] } = await documentClient.send(
        new ScanCommand({ TableName: LOCAL_TABLES.StockHoldsTable, ConsistentRead: true }),
      );
      return Object.fromEntries(
        Items.filter(
          (hold) => hold.sku === sku && ['RESERVING', 'RESERVED', 'RELEASING'].includes(String(hold.state)),
        ).map((hold) => [String(hold.orderId), Number(hold.quantity)]),
      );
    },
    invoiceOf: (orderId: string) => read(LOCAL_TABLES.InvoicesTable, { orderId }),
    /**
     * Takes the order's held amount at the sandbox provider, as its capture does, without the order
     * knowing: what a capture leaves when its step dies before recording it.
     */
    captureAtTheProvider: (orderId: string) =>
      documentClient.send(
        new UpdateCommand({
          TableName: LOCAL_TABLES.SandboxPaymentsTable,
          Key: { idempotencyKey: `${orderId}:authorize` },
          UpdateExpression: 'SET #status = :captured, captureId = :captureId',
          ConditionExpression: '#status = :authorized',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':captured': 'CAPTURED',
            ':captureId': 'cap_sandbox_unrecorded',
            ':authorized': 'AUTHORIZED',
          },
        }),
      ),
    /** The sandbox provider's record of the order's hold: what it holds, captured, voided or refunded. */
    sandboxHoldOf: (orderId: string) =>
      read(LOCAL_TABLES.SandboxPaymentsTable, { idempotencyKey: `${orderId}:authorize` }),
    /** Resolves once `condition` holds, checking every 20 ms (a test waiting for a run to reach a place). */
    async until(condition: () => Promise<boolean>, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`Not reached within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    /** The order events the steps put on the local EventBridge, oldest first. */
    events: eventBridge.events,
    stop: () => Promise.all([dynamodb.stop(), eventBridge.stop()]).then(() => undefined),
  };
};

/** The states the execution entered, in order (Parallel branches as `withBranchesInNameOrder`). */
export const statesEntered = (events: readonly LocalExecutionEvent[]): string[] =>
  withBranchesInNameOrder(
    events.filter((event) => event.type === 'StateEntered').map((event) => event.state?.name ?? ''),
  );

/** How often each state was retried. */
export const retriesOf = (events: readonly LocalExecutionEvent[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const event of events) {
    if (event.type === 'StateRetried' && event.state) counts[event.state.name] = (counts[event.state.name] ?? 0) + 1;
  }
  return counts;
};
