import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { anOrder } from '@order-platform/domain/testing';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, ListEventBusesCommand, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { rawRequest } from '@order-platform/loopback-guard/testing';
import { LOCAL_STAGE, LOCAL_TABLES, startLocalServices, type LocalServices } from './local-services';
import { loadServiceDefinition } from './step-functions/service-definition';

// The local stack without its HTTP API: the Step Functions endpoint as the AWS SDK sees it, the
// executions it runs (the deployed workflow with the deployed step handlers), the SNS stand-in's
// recorder and the console, on free ports.

let services: LocalServices;
let sfn: SFNClient;
let stateMachineArn: string;

const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** An order in the table, as POST /orders stores it, and the input its execution gets. */
const storedOrder = async (token: string) => {
  const order = anOrder({ orderId: `order-${Math.random().toString(36).slice(2)}` });
  const client = new DynamoDBClient({
    endpoint: services.dynamoDbEndpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  await buildOrderRepository(createDocumentClient(client), LOCAL_TABLES.OrdersTable).insert({
    order,
    paymentToken: token,
    requestFingerprint: 'fp',
  });
  client.destroy();
  // What createOrder starts an execution with (the workflow's contract, written out here).
  const input = {
    orderId: order.orderId,
    items: order.items.map(({ sku, quantity }) => ({ sku, quantity })),
    shippingMethod: order.shippingMethod,
    shippingAddress: order.shippingAddress,
  };
  return { name: order.orderId, input: JSON.stringify(input) };
};

const start = (request: { name: string; input: string }, arn = stateMachineArn) =>
  sfn.send(new StartExecutionCommand({ stateMachineArn: arn, ...request }));
const closed = (executionArn: string) =>
  eventually(
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (execution) => execution.status !== 'RUNNING',
  );

// Executions run the deployed step handlers in this process: the first to reach a step imports
// it, which under npm test's parallel load on two cores can take longer than jest's 5 s default.
jest.setTimeout(30_000);

beforeAll(async () => {
  // Port 0: each server takes a port the system gives it, so no other test can take it first.
  services = await startLocalServices(
    { dynamoDbPort: 0, stepFunctionsPort: 0, snsPort: 0, consolePort: 0 },
    loadServiceDefinition(LOCAL_STAGE),
  );
  sfn = new SFNClient({
    endpoint: services.stepFunctions.endpoint,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
  stateMachineArn = services.workflow.stateMachineArn;
  // Steps log their failures as on Lambda.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
}, 60_000);

afterAll(async () => {
  sfn?.destroy();
  await services?.stop();
});

describe('the local Step Functions endpoint', () => {
  it('describes its one state machine, with the definition serverless.yml deploys, and no other', async () => {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines?.map((machine) => machine.stateMachineArn)).toEqual([stateMachineArn]);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(JSON.parse(described.definition ?? '{}')).toMatchObject({ StartAt: 'ConfirmPayment' });
    await expect(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${stateMachineArn}-other` })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it('runs an execution to its end with the deployed steps, and serves its history forwards, backwards and without data', async () => {
    const { executionArn } = await start(await storedOrder('tok_declined'));

    expect(await closed(executionArn as string)).toMatchObject({ status: 'SUCCEEDED' });
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.map((event) => event.type).slice(0, 3)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
    ]);
    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));
    expect(reversed.events?.[0]?.type).toBe('ExecutionSucceeded');
    const bare = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(bare.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
  });

  it('answers a second start with the same name and input while it runs, and refuses it once it has closed', async () => {
    const request = await storedOrder('tok_declined');
    const first = await start(request);
    const again = await start(request);

    expect(again.executionArn).toBe(first.executionArn);
    await closed(first.executionArn as string);
    await expect(start(request)).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(services.stepFunctions.startCalls).toBeGreaterThanOrEqual(3);
  });

  it('refuses names and inputs Step Functions refuses', async () => {
    await expect(start({ name: 'has space', input: '{}' })).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(start({ name: 'x'.repeat(81), input: '{}' })).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(start({ name: 'not-json', input: '{' })).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(
      start({ name: 'too-big', input: JSON.stringify({ pad: 'x'.repeat(256 * 1024) }) }),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(start({ name: 'elsewhere', input: '{}' }, `${stateMachineArn}-other`)).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
  });

  it('stops a running execution: ABORTED, with the reason given', async () => {
    // tok_error keeps ConfirmPayment retrying with backoff: time enough to stop it.
    const { executionArn } = await start(await storedOrder('tok_error'));
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Ops.Cancelled', cause: 'Customer called' }));

    expect(await closed(executionArn as string)).toMatchObject({
      status: 'ABORTED',
      error: 'Ops.Cancelled',
      cause: 'Customer called',
    });
  });

  it('lists executions newest first, page by page, by status, and refuses what ListExecutions refuses', async () => {
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1 }));
    expect(first.executions).toHaveLength(1);
    const second = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, maxResults: 1, nextToken: first.nextToken }),
    );
    expect(second.executions?.[0]?.executionArn).not.toBe(first.executions?.[0]?.executionArn);
    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));
    expect(aborted.executions?.map((execution) => execution.status)).toEqual(['ABORTED']);

    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 5000 }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken: 'bogus' }))).rejects.toMatchObject({
      name: 'InvalidToken',
    });
  });

  it('answers an outage it is asked to stage with a 500, as StartExecution would', async () => {
    services.stepFunctions.failNextStarts(1);
    await expect(
      new SFNClient({
        endpoint: services.stepFunctions.endpoint,
        region: 'eu-west-1',
        credentials: LOCAL_CREDENTIALS,
        maxAttempts: 1,
      }).send(new StartExecutionCommand({ stateMachineArn, name: 'outage', input: '{}' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
  });

  it('names the operations it serves when asked for another, and refuses a body that is not JSON', async () => {
    const post = (target: string, body: string) =>
      fetch(services.stepFunctions.endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.0' },
        body,
      });

    const unknown = await post('AWSStepFunctions.CreateStateMachine', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      __type: 'UnknownOperationException',
      message: expect.stringContaining('it serves ListStateMachines'),
    });
    const garbled = await post('AWSStepFunctions.ListExecutions', '{');
    expect(await garbled.json()).toMatchObject({ __type: 'SerializationException' });
  });
});

describe('the SNS stand-in', () => {
  it('records the alert of a failed order, by topic, and serves nothing but GET /messages', async () => {
    // An order that is not in the table: ConfirmPayment fails, the workflow compensates and alerts.
    const { executionArn } = await start({
      name: 'no-such-order',
      input: '{"orderId":"no-such-order","items":[{"sku":"KB-001","quantity":1}]}',
    });
    expect(await closed(executionArn as string)).toMatchObject({ status: 'FAILED' });

    const [topicArn] = services.alerts.map((alert) => alert.topicArn);
    const byTopic = (await (
      await fetch(`${services.topicsServer.endpoint}/messages?topicArn=${encodeURIComponent(topicArn as string)}`)
    ).json()) as { messages: { subject: string }[] };
    expect(byTopic.messages.map((message) => message.subject)).toContain(
      'Order no-such-order failed at ConfirmPayment',
    );
    const other = await fetch(`${services.topicsServer.endpoint}/messages?topicArn=elsewhere`);
    expect(((await other.json()) as { messages: unknown[] }).messages).toEqual([]);
    expect((await fetch(`${services.topicsServer.endpoint}/publish`, { method: 'POST' })).status).toBe(404);
  });
});

describe('the local EventBridge', () => {
  it('receives the events of an order the workflow runs, on the stage’s bus, readable by order', async () => {
    const request = await storedOrder('tok_declined');
    const { executionArn } = await start(request);
    expect(await closed(executionArn as string)).toMatchObject({ status: 'SUCCEEDED' });

    const answer = await fetch(`${services.topicsServer.endpoint}/events?orderId=${request.name}`);
    const { events } = (await answer.json()) as {
      events: { eventBusName: string; 'detail-type': string; detail: { eventId: string } }[];
    };
    expect(events.map((event) => [event.eventBusName, event['detail-type'], event.detail.eventId])).toEqual([
      ['order-platform-local-orders', 'OrderPlaced', `${request.name}:OrderPlaced`],
      ['order-platform-local-orders', 'OrderFailed', `${request.name}:OrderFailed`],
    ]);
    const eventBridge = new EventBridgeClient({
      endpoint: services.topicsServer.endpoint,
      region: 'eu-west-1',
      credentials: LOCAL_CREDENTIALS,
    });
    const { EventBuses } = await eventBridge.send(new ListEventBusesCommand({}));
    eventBridge.destroy();
    expect(EventBuses?.map((bus) => bus.Name)).toEqual(['default', 'order-platform-local-orders']);
  });

  it('copies them, by the template’s rule, into the order-event log that `aws logs` reads', async () => {
    const request = await storedOrder('tok_visa');
    const { executionArn } = await start(request);
    expect(await closed(executionArn as string)).toMatchObject({ status: 'SUCCEEDED' });
    const clients = { endpoint: services.topicsServer.endpoint, region: 'eu-west-1', credentials: LOCAL_CREDENTIALS };
    const eventBridge = new EventBridgeClient(clients);
    const logs = new CloudWatchLogsClient(clients);

    const { Rules } = await eventBridge.send(new ListRulesCommand({ EventBusName: 'order-platform-local-orders' }));
    const { events } = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: '/aws/events/order-platform-local-orders',
        filterPattern: `{ $.detail.orderId = "${request.name}" }`,
      }),
    );
    eventBridge.destroy();
    logs.destroy();

    expect(Rules?.map((rule) => rule.Name)).toEqual(['order-platform-local-orders-to-log']);
    expect(
      events?.map(({ message }) => (JSON.parse(message ?? '') as { 'detail-type': string })['detail-type']),
    ).toEqual(['OrderPlaced', 'OrderPaymentAuthorized', 'OrderDispatched']);
  });
});

const rawRequestTo = (endpoint: string, method: string, path: string, headers: Record<string, string>) =>
  rawRequest(endpoint, { method, path, headers, ...(method === 'POST' ? { body: '{}' } : {}) });

describe('what the local services let in', () => {
  // Each service, and a request it answers when a program sends it.
  const served = () => [
    {
      name: 'DynamoDB',
      endpoint: services.dynamoDbEndpoint,
      method: 'POST',
      path: '/',
      target: 'DynamoDB_20120810.ListTables',
    },
    {
      name: 'Step Functions',
      endpoint: services.stepFunctions.endpoint,
      method: 'POST',
      path: '/',
      target: 'AWSStepFunctions.ListStateMachines',
    },
    {
      name: 'the SNS stand-in',
      endpoint: services.topicsServer.endpoint,
      method: 'GET',
      path: '/messages',
      target: '',
    },
    { name: 'the console', endpoint: services.console.endpoint, method: 'GET', path: '/api/alerts', target: '' },
  ];
  const send = (service: ReturnType<typeof served>[number], headers: Record<string, string>, method = service.method) =>
    rawRequestTo(service.endpoint, method, service.path, {
      'content-type': 'application/x-amz-json-1.0',
      // dynalite checks that a request is signed, not the signature.
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      'x-amz-date': '20260101T000000Z',
      ...(service.target ? { 'x-amz-target': service.target } : {}),
      ...headers,
    });
  const corsHeaders = (answer: { headers: Record<string, unknown> }) =>
    Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'));

  it('each answers a program that names its own loopback address or localhost', async () => {
    for (const service of served()) {
      const { port } = new URL(service.endpoint);
      expect([service.name, (await send(service, {})).status]).toEqual([service.name, 200]);
      expect([service.name, (await send(service, { host: `localhost:${port}` })).status]).toEqual([service.name, 200]);
    }
  });

  it('each refuses any other Host (DNS rebinding) with 403 and says why', async () => {
    for (const service of served()) {
      const { port } = new URL(service.endpoint);
      const answer = await send(service, { host: `attacker.example:${port}` });
      expect([service.name, answer.status]).toEqual([service.name, 403]);
      expect(JSON.parse(answer.body).message).toMatch(
        /^Host "attacker\.example:\d+" is not this local service's own address/,
      );
    }
  });

  it('DynamoDB, Step Functions and SNS refuse every web page: a preflight, an Origin, Sec-Fetch-Site', async () => {
    for (const service of served().filter(({ name }) => name !== 'the console')) {
      const answers = [
        await send(service, { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' }, 'OPTIONS'),
        await send(service, { origin: 'http://localhost:5173' }),
        await send(service, { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }),
      ];
      expect([service.name, answers.map((answer) => answer.status)]).toEqual([service.name, [403, 403, 403]]);
      expect([service.name, answers.flatMap(corsHeaders)]).toEqual([service.name, []]);
    }
  });

  it('the console answers its own page and refuses any other origin', async () => {
    const [console] = served().filter(({ name }) => name === 'the console');
    const own = console as ReturnType<typeof served>[number];
    const { port } = new URL(own.endpoint);
    const fromItself = await send(own, {
      origin: `http://localhost:${port}`,
      host: `localhost:${port}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(fromItself.status).toBe(200);
    const answers = [
      await send(own, { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors' }),
      await send(own, { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' }, 'OPTIONS'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([403, 403]);
    expect(answers.flatMap(corsHeaders)).toEqual([]);
  });
});
