import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Order } from '@order-platform/domain';
import { anOrder } from '@order-platform/domain/testing';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { LOCAL_STAGE, LOCAL_TABLES, startLocalServices, type LocalServices } from '../local-services';
import type { ScheduledRun } from './scheduled-functions';
import { loadServiceDefinition } from '../step-functions/service-definition';

// The reconciler as the local stack runs it: the deployed handler (services/orders/functions/
// reconcile-orders) in this process, against the local DynamoDB, the local Step Functions endpoint
// and the SNS stand-in, all over their real protocols. Runs are started here rather than waited
// for: the schedule only decides when, and a test must not depend on time.

let services: LocalServices;
let dynamodb: DynamoDBClient;
let orders: ReturnType<typeof buildOrderRepository>;
const runs: ScheduledRun[] = [];

interface Summary {
  readonly examined: number;
  readonly started: readonly string[];
  readonly alerted: readonly { readonly orderId: string; readonly executionStatus: string }[];
}

jest.setTimeout(60_000);

beforeAll(async () => {
  services = await startLocalServices(
    { dynamoDbPort: 0, stepFunctionsPort: 0, snsPort: 0, consolePort: 0, onScheduledRun: (run) => runs.push(run) },
    loadServiceDefinition(LOCAL_STAGE),
  );
  dynamodb = new DynamoDBClient({
    endpoint: services.dynamoDbEndpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  orders = buildOrderRepository(createDocumentClient(dynamodb), LOCAL_TABLES.OrdersTable);
  // Steps log their failures as on Lambda.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
}, 60_000);

afterAll(async () => {
  dynamodb?.destroy();
  await services?.stop();
});

/** An order placed a minute ago (past the local stage's 30 s) whose create-order never started it. */
const strandedOrder = async (): Promise<Order> => {
  const order = anOrder({
    orderId: `stranded-${Math.random().toString(36).slice(2)}`,
    createdAt: new Date(Date.now() - 60_000).toISOString(),
  });
  await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
  return order;
};

const reconcile = async () => (await services.scheduled.runNow('reconcileOrders')) as Summary;

describe('the reconciler on the local stack', () => {
  it('runs on the local stage’s schedule', () => {
    expect(services.scheduled.periods).toEqual({ reconcileOrders: 60_000 });
  });

  it('starts the execution of a PENDING order that has none, which then takes it to a terminal status', async () => {
    const order = await strandedOrder();

    const summary = await reconcile();

    expect(summary.started).toContain(order.orderId);
    await services.executions.settled();
    expect(services.executions.describe(services.workflow.executionArn(order.orderId))).toMatchObject({
      status: 'SUCCEEDED',
      stateMachineAliasArn: `${services.workflow.stateMachineArn}:live`,
    });
    expect((await orders.get(order.orderId))?.order.status).toBe('DISPATCHED');
    expect((await reconcile()).started).not.toContain(order.orderId);
  });

  it('alerts ops once, on the alert topic, about a live order whose execution has closed', async () => {
    const order = await strandedOrder();
    // An execution named after the order that closes without moving it: its input names no order.
    const sfn = new SFNClient({
      endpoint: services.stepFunctions.endpoint,
      region: 'eu-west-1',
      credentials: LOCAL_CREDENTIALS,
    });
    const input = {
      orderId: `no-such-order-${order.orderId}`,
      items: order.items.map(({ sku, quantity }) => ({ sku, quantity })),
      shippingMethod: order.shippingMethod,
      shippingAddress: order.shippingAddress,
    };
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: services.workflow.stateMachineArn,
        name: order.orderId,
        input: JSON.stringify(input),
      }),
    );
    sfn.destroy();
    await services.executions.settled();
    const executionArn = services.workflow.executionArn(order.orderId);
    const closed = services.executions.describe(executionArn).status;
    expect(closed).not.toBe('RUNNING');

    const first = await reconcile();
    const second = await reconcile();

    expect(first.alerted).toEqual([expect.objectContaining({ orderId: order.orderId, executionStatus: closed })]);
    expect(second.alerted).toEqual([]);
    const alerts = services.alerts.filter((message) => message.message.includes(`"orderId":"${order.orderId}"`));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      topicArn: 'arn:aws:sns:eu-west-1:000000000000:order-platform-local-order-alerts',
      subject: `Order stranded on local: execution ${closed}`,
    });
    expect(JSON.parse(alerts[0]?.message ?? '{}')).toEqual({
      alert: 'StrandedOrder',
      orderId: order.orderId,
      orderStatus: 'PENDING',
      liveSince: order.createdAt,
      executionStatus: closed,
      executionArn,
      stage: 'local',
      detectedAt: expect.any(String),
    });
    expect((await orders.get(order.orderId))?.order.status).toBe('PENDING');
    expect(runs.map((run) => run.functionKey)).toEqual(expect.arrayContaining(['reconcileOrders']));
  });
});
