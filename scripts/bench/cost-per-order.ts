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
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  signLocalToken,
  freePorts,
  startLocalPlatform,
  type Json,
  runLocalExecution,
} from '@order-platform/local-cloud';
import { startDynamoDbRecorder, type DynamoDbCall, type DynamoDbRecorder } from './dynamodb-recorder';

// Cost per order: one happy-path order placed over HTTP on the local stack (`npm start`'s, in
// this process), its execution history read back through the Step Functions API, and every
// DynamoDB request the order caused (handlers and workflow integrations) seen by a recorder in
// front of DynamoDB. The naive design (naive-order-workflow.asl.yml) runs with stub tasks, to
// count its transitions from its own execution.

/** Standard workflows, us-east-1 list price: $0.025 per 1,000 state transitions. */
export const PRICE_PER_TRANSITION = 0.025 / 1000;
export const MIN_TRANSITION_SAVING = 1 / 3;

export interface OrderCost {
  readonly states: readonly string[];
  readonly transitions: number;
  readonly lambdaInvocations: number;
  readonly stepLambdas: readonly string[];
  readonly serviceIntegrations: number;
  readonly dynamoDb: readonly DynamoDbCall[];
  readonly naive: { readonly states: readonly string[]; readonly lambdaTasks: number };
}

const POLL_MS = 50;
const SETTLE_TIMEOUT_MS = 60_000;

/** Every state Standard workflows bill a transition for, in the order entered (retries too). */
export const transitionsIn = (events: readonly HistoryEvent[]) =>
  events
    .filter((event) => event.type?.endsWith('StateEntered'))
    .map((event) => event.stateEnteredEventDetails?.name ?? '?');

const runNaiveDesign = async () => {
  const definition = parse(readFileSync(join(__dirname, 'naive-order-workflow.asl.yml'), 'utf8')) as unknown;
  const stub = (result: Json) => () => Promise.resolve(result);
  const result = await runLocalExecution({
    definition,
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:naive-order-workflow',
    name: 'naive-order',
    input: { orderId: 'naive-order', shippingMethod: 'STANDARD' },
    taskHandlers: {
      ConfirmPayment: stub({ outcome: 'APPROVED', chargeId: 'ch_naive' }),
      UpdateStatusPaymentConfirmed: stub({}),
      ReserveStock: stub({ outcome: 'RESERVED' }),
      UpdateStatusOutOfStock: stub({}),
      PrepareInvoice: stub({ invoiceNumber: 'INV-naive' }),
      UpdateStatusProcured: stub({}),
      BookStandardShipment: stub({ carrier: 'naive', trackingNumber: 'naive' }),
      BookExpressShipment: stub({ carrier: 'naive', trackingNumber: 'naive' }),
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

export const measureOrderCost = async (log: (line: string) => void): Promise<OrderCost> => {
  let recorder: DynamoDbRecorder | undefined;
  const platform = await startLocalPlatform({
    ...(await freePorts()),
    interposeDynamoDb: async (endpoint) => (recorder = await startDynamoDbRecorder(endpoint)),
  });
  const sfn = new SFNClient({
    endpoint: platform.stepFunctionsEndpoint,
    region: 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const calls = (recorder as DynamoDbRecorder).calls;
    const placeOrder = async (idempotencyKey: string) => {
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
    // The first order for a product also gives its catalog item the reservations map (two more
    // requests per line, once per product): the figures are the second order's, a steady state.
    log('cost: placing two happy-path orders over HTTP, measuring the second…');
    await placeOrder('bench-cost-first-order');
    const before = calls.length;
    const executionArn = await placeOrder('bench-cost-order');
    const events: HistoryEvent[] = [];
    for await (const page of paginateGetExecutionHistory({ client: sfn }, { executionArn })) {
      events.push(...(page.events ?? []));
    }
    const states = transitionsIn(events);
    const stepLambdas = events
      .filter((event) => event.type === 'LambdaFunctionScheduled')
      .map((event) => {
        const id = event.previousEventId;
        return events.find((candidate) => candidate.id === id)?.stateEnteredEventDetails?.name ?? '?';
      });
    return {
      states,
      transitions: states.length,
      // The create-order Lambda behind POST /orders, and each step the workflow invoked.
      lambdaInvocations: 1 + stepLambdas.length,
      stepLambdas,
      serviceIntegrations: events.filter((event) => event.type === 'TaskScheduled').length,
      dynamoDb: calls.slice(before),
      naive: await runNaiveDesign(),
    };
  } finally {
    sfn.destroy();
    await platform.stop();
  }
};

const dollars = (value: number) => `$${value.toFixed(2)}`;

export const costSection = (cost: OrderCost) => {
  const writes = cost.dynamoDb.filter((call) => call.itemsWritten > 0);
  const writeUnits = writes.reduce((sum, call) => sum + call.capacityUnits, 0);
  const reads = cost.dynamoDb.filter((call) => call.itemsWritten === 0 && call.status === 200);
  const readUnits = reads.reduce((sum, call) => sum + call.capacityUnits, 0);
  const byTable = new Map<string, number>();
  for (const call of writes) {
    const key = `${call.operation} ${call.tables.join(', ').replace(/^order-platform-local-/, '')}`;
    byTable.set(key, (byTable.get(key) ?? 0) + call.itemsWritten);
  }
  const refused = cost.dynamoDb.filter((call) => call.status !== 200);
  const naive = cost.naive.states.length;
  const saving = 1 - cost.transitions / naive;
  const met = saving >= MIN_TRANSITION_SAVING;
  return {
    goal: '≥ ⅓ fewer state transitions per happy-path order than the naive design',
    met,
    markdown: `## Cost per order

One happy-path order (\`tok_visa\`, standard shipping, two products in stock) placed with
\`POST /orders\` over HTTP on the local stack (after one order for the same products, so the
figures are a steady state's), run to its end by the real ASL; transitions and
Lambda invocations counted from its execution history as \`GetExecutionHistory\` returns it
(Standard workflows bill one transition per state entered, retries included), DynamoDB requests
counted by a recorder in front of DynamoDB that every handler and workflow integration goes
through (capacity as dynalite computes it). The naive design
(\`scripts/bench/naive-order-workflow.asl.yml\`: each status update a Lambda of its own after the
step that reached it, a Choice between two shipping tasks) is run with stub tasks to count its
transitions the same way.

| per happy-path order | this workflow | naive design |
| --- | --- | --- |
| state transitions | ${cost.transitions} | ${naive} |
| Standard-workflow price per 1,000 orders | ${dollars(cost.transitions * PRICE_PER_TRANSITION * 1000)} | ${dollars(naive * PRICE_PER_TRANSITION * 1000)} |
| Lambda invocations | ${cost.lambdaInvocations}: createOrder, ${cost.stepLambdas.join(', ')} | ${cost.naive.lambdaTasks + 1}: createOrder and ${cost.naive.lambdaTasks} tasks |
| Step Functions service integrations | ${cost.serviceIntegrations} | 0 |
| DynamoDB items written | ${writes.reduce((sum, call) => sum + call.itemsWritten, 0)} in ${writes.length} requests, ${writeUnits} WCU | not run |
| DynamoDB reads | ${reads.length} requests, ${readUnits} RCU | not run |

- States this workflow entered: ${cost.states.join(' → ')}.
- States the naive design entered: ${cost.naive.states.join(' → ')}.
- DynamoDB writes by operation and table: ${[...byTable.entries()].map(([key, count]) => `${key} ×${count}`).join('; ')}.
${refused.length > 0 ? `- DynamoDB requests refused: ${refused.map((call) => `${call.operation} ${call.tables.join(', ')} (${call.status})`).join('; ')}.\n` : ''}
Goal: at least a third fewer transitions than the naive design: ${(saving * 100).toFixed(0)}% fewer, ${met ? '**met**' : '**missed**'}.
Prices are us-east-1 list prices for Standard workflows ($0.025 per 1,000 transitions, 4,000 a
month free); Lambda and DynamoDB are billed besides, per request and per capacity unit.
`,
  };
};
