import {
  DescribeExecutionCommand,
  paginateGetExecutionHistory,
  SFNClient,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { validOrderRequest } from '@order-platform/domain/testing';
import { executionArnOf } from '@order-platform/ops';
import { LOCAL_CREDENTIALS } from '@order-platform/local-dynamodb';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  signLocalToken,
  startLocalPlatformOnFreePorts,
  type Json,
  runLocalExecution,
} from '@order-platform/local-cloud';
import { NAIVE_DESIGN, stepDurationsIn, stepLambdasIn, transitionsIn, type OrderCost } from '../cost-per-order';
import { startDynamoDbRecorder, type DynamoDbRecorder } from '../dynamodb-recorder';

// Measures the cost of one order (the goal and the verdict are ../cost-per-order.ts's): the local
// stack in this process, a DynamoDB recorder in front of its DynamoDB, two happy-path orders over
// HTTP, and the naive design run with stub tasks.

const POLL_MS = 50;
const SETTLE_TIMEOUT_MS = 60_000;

const runNaiveDesign = async () => {
  const definition = parse(readFileSync(NAIVE_DESIGN, 'utf8')) as unknown;
  const stub = (result: Json) => () => Promise.resolve(result);
  const result = await runLocalExecution({
    definition,
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:naive-order-workflow',
    name: 'naive-order',
    input: { orderId: 'naive-order', shippingMethod: 'STANDARD' },
    taskHandlers: {
      ConfirmPayment: stub({ outcome: 'AUTHORIZED', authorizationId: 'auth_naive' }),
      UpdateStatusPaymentConfirmed: stub({}),
      ReserveStock: stub({ outcome: 'RESERVED' }),
      UpdateStatusOutOfStock: stub({}),
      PrepareInvoice: stub({ invoiceNumber: 'INV-naive' }),
      UpdateStatusProcured: stub({}),
      BookStandardShipment: stub({ carrier: 'naive', trackingNumber: 'naive' }),
      BookExpressShipment: stub({ carrier: 'naive', trackingNumber: 'naive' }),
      CapturePayment: stub({ captureId: 'cap_naive' }),
      UpdateStatusDispatched: stub({}),
    },
  });
  if (result.status !== 'SUCCEEDED') throw new Error(`the naive design's execution ${result.status}: ${result.cause}`);
  const entered = result.events.filter((event) => event.type === 'StateEntered');
  // Every Task of the naive design is a Lambda.
  return {
    states: entered.map((event) => event.state?.name ?? '?'),
    lambdaTasks: entered.filter((event) => event.state?.type === 'Task').length,
  };
};

/**
 * Collects what the Lambdas log while `measured` runs: serverless-offline's handlers (its output
 * comes to `offlineLines`) and the workflow's steps, which run in worker threads of this process
 * and write to its stdout (at INFO as deployed: see measureOrderCost).
 */
const loggedDuring = async <T>(offlineLines: string[], measured: () => Promise<T>) => {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const offlineFrom = offlineLines.length;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    return true;
  }) as typeof process.stdout.write;
  try {
    const result = await measured();
    return { result, lines: [...offlineLines.slice(offlineFrom), ...lines] };
  } finally {
    process.stdout.write = write;
  }
};

export const measureOrderCost = async (log: (line: string) => void): Promise<OrderCost> => {
  // The Lambdas log at INFO, as deployed (npm run bench quiets them otherwise): set before the
  // platform starts, because the steps' threads take this process's environment as they start.
  const level = process.env.AWS_LAMBDA_LOG_LEVEL;
  process.env.AWS_LAMBDA_LOG_LEVEL = 'INFO';
  try {
    return await measureWithPlatform(log);
  } finally {
    process.env.AWS_LAMBDA_LOG_LEVEL = level;
  }
};

const measureWithPlatform = async (log: (line: string) => void): Promise<OrderCost> => {
  let recorder: DynamoDbRecorder | undefined;
  const offlineLines: string[] = [];
  const platform = await startLocalPlatformOnFreePorts({
    interposeDynamoDb: async (endpoint) => (recorder = await startDynamoDbRecorder(endpoint)),
    log: (line) => offlineLines.push(line),
  });
  const sfn = new SFNClient({
    endpoint: platform.stepFunctionsEndpoint,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const calls = (recorder as DynamoDbRecorder).calls;
    let apiRequests = 0;
    const placeOrder = async (idempotencyKey: string) => {
      apiRequests += 1;
      const response = await fetch(`${platform.apiUrl}/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${signLocalToken('bench-cost-customer')}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify(validOrderRequest()),
      });
      const { orderId } = (await response.json()) as { orderId: string };
      if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}`);
      const executionArn = executionArnOf(platform.stateMachineArn, orderId);
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      let status = 'RUNNING';
      while (status === 'RUNNING') {
        if (Date.now() > deadline) throw new Error(`execution ${orderId} still running after ${SETTLE_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        status = String((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status);
      }
      if (status !== 'SUCCEEDED') throw new Error(`the happy-path order's execution ${status}`);
      return executionArn;
    };
    // The first order warms every Lambda and client: the figures are the second order's, a
    // steady state.
    log('cost: placing two happy-path orders over HTTP, measuring the second…');
    await placeOrder('bench-cost-first-order');
    const before = calls.length;
    apiRequests = 0;
    const { result: executionArn, lines: logLines } = await loggedDuring(offlineLines, () =>
      placeOrder('bench-cost-order'),
    );
    const events: HistoryEvent[] = [];
    for await (const page of paginateGetExecutionHistory({ client: sfn }, { executionArn })) {
      events.push(...(page.events ?? []));
    }
    const states = transitionsIn(events);
    const stepLambdas = stepLambdasIn(events);
    return {
      states,
      transitions: states.length,
      // The create-order Lambda behind POST /orders, and each step the workflow invoked.
      lambdaInvocations: 1 + stepLambdas.length,
      stepLambdas,
      serviceIntegrations: events.filter((event) => event.type === 'TaskScheduled').length,
      dynamoDb: calls.slice(before),
      naive: await runNaiveDesign(),
      apiRequests,
      stepDurations: stepDurationsIn(events),
      logLines,
    };
  } finally {
    sfn.destroy();
    await platform.stop();
  }
};
