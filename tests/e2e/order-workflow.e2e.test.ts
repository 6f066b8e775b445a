import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  paginateGetExecutionHistory,
  StartExecutionCommand,
  StopExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { isTerminal, type Order } from '@order-platform/domain';
import { OrderSchema } from '@order-platform/api';
import { OrderEventEnvelopeSchema } from '@order-platform/domain/order-event-schema';
import { validOrderRequest } from '@order-platform/domain/testing';
import {
  COMPENSATED_AND_ALERTED,
  HAPPY_PATH,
  SOLD_OUT,
  UNTIL_BOOKED,
  withBranchesInNameOrder,
} from '@order-platform/workflow/testing';
import { eventually, startLocalStack, type LocalStack } from './local-stack';

// Every workflow path as a shop frontend and an operator see it on the local stack (`npm start`):
// orders placed over HTTP, the real ASL run by the local Step Functions endpoint with the deployed
// handlers, followed to the end through GET /orders/{id}, and checked through the AWS SDK
// (DescribeExecution, GetExecutionHistory) and the SNS stand-in. Retries wait their real backoff.
let stack: LocalStack;
// Retries wait their real backoff with full jitter: ConfirmPayment's two can take up to 6 s.

beforeAll(async () => {
  stack = await startLocalStack();
}, 120_000);

afterAll(() => stack?.stop());

interface Outcome {
  readonly order: Order;
  readonly execution: DescribeExecutionCommandOutput;
  readonly history: HistoryEvent[];
  readonly alerts: Record<string, unknown>[];
  /** The order's events on the local EventBridge, each held to the published schema: `detail-type (status, payment)`. */
  readonly events: string[];
}

/** Places an order over HTTP, polls it to its terminal status, then reads its execution and alerts. */
const placeAndFollow = async (customerId: string, body: unknown): Promise<Outcome> => {
  const placed = await stack.placeOrder(customerId, body);
  expect(placed.status).toBe(202);
  const location = placed.headers.get('location') as string;
  const fetched = await eventually(
    () => stack.call('GET', location, { customerId }),
    (response) => response.status === 200 && isTerminal(response.body.status),
    `order ${placed.body.orderId} reaching DISPATCHED or FAILED`,
  );
  const orderId = placed.body.orderId as string;
  // The order is final before the execution's last states (the alert, the Fail) have run.
  const execution = await eventually(
    () => stack.describeExecution(orderId),
    (described) => described.status !== 'RUNNING',
    `execution ${orderId} closing`,
  );
  const history: HistoryEvent[] = [];
  for await (const page of paginateGetExecutionHistory(
    { client: stack.sfn, pageSize: 20 },
    { executionArn: stack.executionArnOf(orderId) },
  )) {
    history.push(...(page.events ?? []));
  }
  const { messages } = (await (await fetch(`${stack.platform.snsEndpoint}/messages`)).json()) as {
    messages: { message: string }[];
  };
  const alerts = messages
    .map((published) => JSON.parse(published.message) as Record<string, unknown>)
    .filter((alert) => alert.orderId === orderId);
  const put = (await (await fetch(`${stack.platform.snsEndpoint}/events?orderId=${orderId}`)).json()) as {
    events: unknown[];
  };
  const events = put.events
    .map((event) => OrderEventEnvelopeSchema.parse(event))
    .map(({ detail, ...envelope }) => `${envelope['detail-type']} (${detail.status}, ${detail.paymentStatus})`);
  return { order: OrderSchema.parse(fetched.body), execution, history, alerts, events };
};

const statesEntered = (history: readonly HistoryEvent[]) =>
  withBranchesInNameOrder(
    history
      .filter((event) => event.type?.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails?.name ?? ''),
  );

const lambdaAttempts = (history: readonly HistoryEvent[]) =>
  history
    .filter((event) => event.type === 'LambdaFunctionScheduled')
    .map((event) => event.lambdaFunctionScheduledEventDetails?.resource?.split(':').pop());

const order = (overrides: Parameters<typeof validOrderRequest>[0] = {}) => validOrderRequest(overrides);
const address = validOrderRequest().shippingAddress;

describe('the order workflow on the local stack', () => {
  it('approved: dispatched, with an execution history in Step Functions’ own terms', async () => {
    const { order: dispatched, execution, history, alerts, events } = await placeAndFollow('olivia', order());

    expect(dispatched).toMatchObject({
      status: 'DISPATCHED',
      payment: { status: 'CAPTURED' },
      shipment: { carrier: 'EuroParcel', serviceLevel: 'STANDARD' },
      invoiceNumber: expect.stringMatching(/^INV-/),
    });
    expect(dispatched.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_CONFIRMED',
      'PROCURED',
      'DISPATCHED',
    ]);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ shipment: { carrier: 'EuroParcel' } });

    // The history as GetExecutionHistory returns it on AWS: ids from 1, each event after its cause.
    expect(history.map((event) => event.id)).toEqual(history.map((_, index) => index + 1));
    for (const event of history.slice(1)) {
      expect(event.previousEventId).toBeGreaterThanOrEqual(1);
      expect(event.previousEventId).toBeLessThan(event.id as number);
    }
    expect(history[0]).toMatchObject({
      type: 'ExecutionStarted',
      previousEventId: 0,
      timestamp: expect.any(Date),
      executionStartedEventDetails: { input: execution.input },
    });
    expect(history.at(-1)).toMatchObject({
      type: 'ExecutionSucceeded',
      executionSucceededEventDetails: { output: execution.output },
    });
    expect(statesEntered(history)).toEqual(HAPPY_PATH);
    expect(lambdaAttempts(history).sort()).toEqual([
      'order-platform-local-bookShipment',
      'order-platform-local-capturePayment',
      'order-platform-local-confirmPayment',
      'order-platform-local-prepareInvoice',
      'order-platform-local-reserveStock',
    ]);
    // The steps record the milestones themselves: no DynamoDB task runs on the way.
    expect(history.filter((event) => event.type === 'TaskScheduled')).toEqual([]);
    const booking = history.find(
      (event) =>
        event.type === 'LambdaFunctionScheduled' &&
        event.lambdaFunctionScheduledEventDetails?.resource?.endsWith('bookShipment'),
    );
    // What BookShipment records comes in its input: ProcureOrder's invoice, the order's shipping method.
    expect(JSON.parse(booking?.lambdaFunctionScheduledEventDetails?.input ?? '{}')).toMatchObject({
      shippingMethod: 'STANDARD',
      invoiceNumber: dispatched.invoiceNumber,
    });
    // CapturePayment records the parcel BookShipment booked, with the capture, as DISPATCHED.
    const capture = history.find(
      (event) =>
        event.type === 'LambdaFunctionScheduled' &&
        event.lambdaFunctionScheduledEventDetails?.resource?.endsWith('capturePayment'),
    );
    expect(JSON.parse(capture?.lambdaFunctionScheduledEventDetails?.input ?? '{}')).toMatchObject({
      shipment: dispatched.shipment,
    });
    expect(dispatched.payment).toMatchObject({
      status: 'CAPTURED',
      authorizationId: expect.stringMatching(/^auth_sandbox_/),
      captureId: expect.stringMatching(/^cap_sandbox_/),
    });
    expect(history.map((event) => event.type)).toEqual(
      expect.arrayContaining(['ParallelStateStarted', 'ParallelStateSucceeded', 'ChoiceStateExited']),
    );
    expect(alerts).toEqual([]);
    expect(events).toEqual([
      'OrderPlaced (PENDING, PENDING)',
      'OrderPaymentAuthorized (PAYMENT_CONFIRMED, AUTHORIZED)',
      'OrderDispatched (DISPATCHED, CAPTURED)',
    ]);
  });

  it('declined: the order fails with payment DECLINED, the execution ends in OrderDeclined, nobody is paged', async () => {
    const {
      order: declined,
      execution,
      history,
      alerts,
      events,
    } = await placeAndFollow('olivia', order({ payment: { token: 'tok_declined' } }));

    expect(declined).toMatchObject({ status: 'FAILED', payment: { status: 'DECLINED' } });
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(history)).toEqual(['ConfirmPayment', 'IsPaymentAuthorized', 'OrderDeclined']);
    expect(alerts).toEqual([]);
    expect(events).toEqual(['OrderPlaced (PENDING, PENDING)', 'OrderFailed (FAILED, DECLINED)']);
  });

  it('flaky provider: the history shows ConfirmPayment failing twice and succeeding on the third attempt', async () => {
    const {
      order: dispatched,
      execution,
      history,
    } = await placeAndFollow('olivia', order({ shippingMethod: 'EXPRESS', payment: { token: 'tok_flaky' } }));

    expect(dispatched).toMatchObject({
      status: 'DISPATCHED',
      payment: { status: 'CAPTURED' },
      shipment: { serviceLevel: 'EXPRESS' },
    });
    expect(execution.status).toBe('SUCCEEDED');
    expect(lambdaAttempts(history).filter((name) => name?.endsWith('confirmPayment'))).toHaveLength(3);
    expect(
      history
        .filter((event) => event.type === 'LambdaFunctionFailed')
        .map((event) => event.lambdaFunctionFailedEventDetails?.error),
    ).toEqual(['PaymentProviderUnavailable', 'PaymentProviderUnavailable']);
    expect(statesEntered(history)).toEqual(HAPPY_PATH);
  });

  it('out of stock: an answer - compensated, the order FAILED with its hold voided, the execution succeeds, no alert', async () => {
    const {
      order: failed,
      execution,
      history,
      alerts,
    } = await placeAndFollow(
      'olivia',
      order({
        items: [
          { sku: 'KB-001', quantity: 1 },
          { sku: 'LT-006', quantity: 4 },
        ],
      }),
    );

    expect(failed).toMatchObject({
      status: 'FAILED',
      payment: { status: 'VOIDED' },
      failure: {
        step: 'ReserveStock',
        error: 'OutOfStock',
        cause: 'Not enough stock: LT-006 (requested 4, available 3)',
      },
    });
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(history)).toEqual(SOLD_OUT);
    // ReserveStock answered: no Lambda failed, so no function's Errors alarm counts a sold-out order.
    expect(history.filter((event) => event.type === 'LambdaFunctionFailed')).toEqual([]);
    const reserved = history.find(
      (event) =>
        event.type === 'LambdaFunctionSucceeded' &&
        event.lambdaFunctionSucceededEventDetails?.output?.includes('OUT_OF_STOCK'),
    );
    expect(reserved?.lambdaFunctionSucceededEventDetails?.output).toContain('LT-006 (requested 4, available 3)');
    expect(alerts).toEqual([]);
  });

  it('AQ: no carrier ships to Antarctica, so the order is compensated and ops alerted', async () => {
    const {
      order: failed,
      execution,
      history,
      alerts,
      events,
    } = await placeAndFollow('olivia', order({ shippingAddress: { ...address, country: 'AQ' } }));

    expect(failed).toMatchObject({
      status: 'FAILED',
      payment: { status: 'VOIDED' },
      failure: { step: 'BookShipment', error: 'NoCarrierAvailable' },
    });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'NoCarrierAvailable' });
    expect(statesEntered(history)).toEqual([...UNTIL_BOOKED, 'DispatchFailed', ...COMPENSATED_AND_ALERTED]);
    expect(alerts).toEqual([
      expect.objectContaining({ orderId: failed.orderId, step: 'BookShipment', error: 'NoCarrierAvailable' }),
    ]);
    expect(events).toEqual([
      'OrderPlaced (PENDING, PENDING)',
      'OrderPaymentAuthorized (PAYMENT_CONFIRMED, AUTHORIZED)',
      'OrderFailed (FAILED, VOIDED)',
    ]);
  });

  it('capture refused for good: booked but unpaid, so never DISPATCHED - compensated, FAILED with its hold voided, ops alerted', async () => {
    const {
      order: failed,
      execution,
      history,
      alerts,
    } = await placeAndFollow('olivia', order({ payment: { token: 'tok_capture_rejected' } }));

    expect(failed).toMatchObject({
      status: 'FAILED',
      payment: { status: 'VOIDED' },
      failure: { step: 'CapturePayment', error: 'PaymentCaptureRejected' },
    });
    expect(failed.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_CONFIRMED',
      'PROCURED',
      'FAILED',
    ]);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'PaymentCaptureRejected' });
    expect(statesEntered(history)).toEqual([...HAPPY_PATH, 'CaptureFailed', ...COMPENSATED_AND_ALERTED]);
    // Refused for good: asked once, never retried.
    expect(lambdaAttempts(history).filter((name) => name?.endsWith('capturePayment'))).toHaveLength(1);
    expect(alerts).toEqual([
      expect.objectContaining({
        orderId: failed.orderId,
        step: 'CapturePayment',
        error: 'PaymentCaptureRejected',
        paymentStatus: 'VOIDED',
      }),
    ]);
  });
});

describe('the local Step Functions endpoint, through the AWS SDK', () => {
  it('describes the one state machine, with the definition serverless.yml deploys', async () => {
    const { stateMachines } = await stack.sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines).toEqual([
      expect.objectContaining({ stateMachineArn: stack.platform.stateMachineArn, type: 'STANDARD' }),
    ]);
    const described = await stack.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: stack.platform.stateMachineArn }),
    );
    expect(JSON.parse(described.definition ?? '{}')).toMatchObject({ StartAt: 'ConfirmPayment' });
  });

  it('stops a running execution: ABORTED, with the reason in its history', async () => {
    // tok_error keeps ConfirmPayment retrying for seconds: time enough to stop it.
    const placed = await stack.placeOrder('stella', order({ payment: { token: 'tok_error' } }));
    const executionArn = stack.executionArnOf(placed.body.orderId);
    await stack.sfn.send(new StopExecutionCommand({ executionArn, error: 'Ops.Cancelled', cause: 'Customer called' }));

    const described = await eventually(
      () => stack.sfn.send(new DescribeExecutionCommand({ executionArn })),
      (execution) => execution.status !== 'RUNNING',
      'the stopped execution closing',
    );
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Ops.Cancelled', cause: 'Customer called' });
    const { events = [] } = await stack.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));
    expect(events[0]).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Ops.Cancelled', cause: 'Customer called' },
    });
  });

  it('pages the history, and leaves the data out when asked', async () => {
    const { body } = await stack.placeOrder('stella', order());
    const executionArn = stack.executionArnOf(body.orderId);
    await eventually(
      () => stack.sfn.send(new DescribeExecutionCommand({ executionArn })),
      (execution) => execution.status === 'SUCCEEDED',
      'the execution succeeding',
    );

    const first = await stack.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 5, includeExecutionData: false }),
    );
    expect(first.events?.map((event) => event.id)).toEqual([1, 2, 3, 4, 5]);
    expect(first.events?.[1]?.stateEnteredEventDetails).toEqual({ name: 'ConfirmPayment' });
    const second = await stack.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 5, nextToken: first.nextToken }),
    );
    expect(second.events?.map((event) => event.id)).toEqual([6, 7, 8, 9, 10]);
  });

  it('answers an unknown execution with ExecutionDoesNotExist', async () => {
    await expect(
      stack.sfn.send(new DescribeExecutionCommand({ executionArn: stack.executionArnOf('no-such-order') })),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('refuses a second execution with the same name once the first has closed', async () => {
    const { body } = await stack.placeOrder('stella', order());
    const described = await eventually(
      () => stack.describeExecution(body.orderId),
      (execution) => execution.status !== 'RUNNING',
      'the execution closing',
    );
    await expect(
      stack.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: stack.platform.stateMachineArn,
          name: described.name,
          input: described.input,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('answers for the live alias as for the state machine: starts through it, lists what it started, names no other', async () => {
    const aliasArn = `${stack.platform.stateMachineArn}:live`;
    const { body } = await stack.placeOrder('stella', order());
    const throughAlias = await stack.sfn.send(
      new StartExecutionCommand({ stateMachineArn: aliasArn, name: 'by-hand-1', input: '{"orderId":"by-hand-1"}' }),
    );

    expect(throughAlias.executionArn).toBe(stack.executionArnOf('by-hand-1'));
    const described = await stack.sfn.send(new DescribeExecutionCommand({ executionArn: throughAlias.executionArn }));
    expect(described).toMatchObject({
      stateMachineArn: stack.platform.stateMachineArn,
      stateMachineAliasArn: aliasArn,
    });
    const listed = await stack.sfn.send(new ListExecutionsCommand({ stateMachineArn: aliasArn, maxResults: 1000 }));
    expect(listed.executions?.map((execution) => execution.name)).toEqual(
      expect.arrayContaining([body.orderId, 'by-hand-1']),
    );
    expect(listed.executions?.every((execution) => execution.stateMachineAliasArn === aliasArn)).toBe(true);
    await expect(
      stack.sfn.send(new ListExecutionsCommand({ stateMachineArn: `${stack.platform.stateMachineArn}:canary` })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });
});
