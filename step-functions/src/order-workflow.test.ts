import { allStates, TaskError } from '@order-platform/local-cloud';
import { workflowInputFor } from './contract';
import { COMPENSATED_AND_ALERTED, HAPPY_PATH, SOLD_OUT, UNTIL_BOOKED } from './testing/paths';
import { retriesOf, startWorkflowHarness, statesEntered } from './testing/workflow-harness';

/**
 * A failure in ConfirmPayment: every compensation runs (a run re-driven after a crash may find a
 * hold, stock or an invoice an earlier run left; each is a no-op otherwise).
 */
const PAYMENT_FAILED_PATH = ['ConfirmPayment', 'PaymentFailed', ...COMPENSATED_AND_ALERTED];

// Every path of step-functions/order-workflow.asl.yml, executed for real: the definition as
// serverless.yml deploys it on the local stage, aws-local-stepfunctions running it, the deployed
// step handlers, and DynamoDB protocol (dynalite). Retries do not wait; everything else is real.

describe('order workflow (real ASL, local services)', () => {
  let harness: Awaited<ReturnType<typeof startWorkflowHarness>>;

  beforeAll(async () => {
    harness = await startWorkflowHarness();
  }, 60_000); // `sls print` takes seconds when turbo runs the other suites beside it

  beforeEach(async () => {
    await harness.resetCatalog();
  });
  afterAll(() => harness?.stop());

  it('authorized: holds, reserves, invoices, books, captures and dispatches, recording each milestone on the order', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'tok_visa', country: 'DE' });

    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution.events)).toEqual(HAPPY_PATH);
    expect(order).toMatchObject({
      status: 'DISPATCHED',
      payment: {
        status: 'CAPTURED',
        authorizationId: expect.stringMatching(/^auth_sandbox_/),
        captureId: expect.stringMatching(/^cap_sandbox_/),
      },
      invoiceNumber: expect.stringMatching(/^INV-\d{4}-[0-9A-F]{10}$/),
      shipment: { carrier: 'EuroParcel', serviceLevel: 'STANDARD', trackingNumber: expect.stringMatching(/^EP/) },
    });
    expect(order.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_CONFIRMED',
      'PROCURED',
      'DISPATCHED',
    ]);
    expect(order.failure).toBeUndefined();
    // The steps that record the milestones announce them on the stage's bus.
    expect(
      harness.events
        .filter((event) => (event.detail as { orderId?: string }).orderId === placed.orderId)
        .map((event) => event['detail-type']),
    ).toEqual(['OrderPlaced', 'OrderPaymentAuthorized', 'OrderDispatched']);
    // KB-001 × 1 and MS-002 × 2: the stock is taken and the reservation committed.
    expect(await harness.stockOf('KB-001')).toBe(499);
    expect(await harness.stockOf('MS-002')).toBe(998);
    expect(await harness.reservationsOf('KB-001')).toEqual({});
    expect(await harness.invoiceOf(placed.orderId)).toMatchObject({ status: 'ISSUED', vatRatePercent: 19 });
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({
      attempts: 1,
      captureAttempts: 1,
      status: 'CAPTURED',
      authorizationId: order.payment.authorizationId,
      captureId: order.payment.captureId,
      amount: placed.total,
    });
    expect(alerts).toEqual([]);
  });

  it('costs 8 state transitions and 5 Lambda invocations per happy-path order (the figures in the README)', async () => {
    const { execution } = await harness.runOrder();
    const lambdaStates = new Set(
      allStates(harness.workflow.definition)
        .filter(([, state]) => state.Resource?.startsWith('arn:aws:lambda:'))
        .map(([name]) => name),
    );
    // Standard workflows bill every state entered, retries included.
    const entered = execution.events.filter((event) => event.type === 'StateEntered' || event.type === 'StateRetried');

    expect(entered).toHaveLength(8);
    expect(entered.filter((event) => lambdaStates.has(event.state?.name ?? ''))).toHaveLength(5);
    // Every Task is a Lambda step: the milestones are written from inside them, not by states.
    expect(entered.filter((event) => event.state?.type === 'Task')).toHaveLength(5);
  });

  it('express: BookShipment books the service level the order asked for, with no Choice on the way', async () => {
    const { execution, order } = await harness.runOrder({ shippingMethod: 'EXPRESS', country: 'US' });

    expect(statesEntered(execution.events)).toEqual(HAPPY_PATH);
    expect(order.shipment).toMatchObject({ carrier: 'AirCourier', serviceLevel: 'EXPRESS' });
  });

  it('declined: the order ends FAILED with payment DECLINED; nothing is held, reserved, voided or alerted', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'tok_declined' });

    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution.events)).toEqual(['ConfirmPayment', 'IsPaymentAuthorized', 'OrderDeclined']);
    expect(retriesOf(execution.events)).toEqual({});
    expect(order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'DECLINED' },
      failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: 'Card declined by the issuer' },
    });
    expect(order.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'FAILED']);
    expect(await harness.stockOf('KB-001')).toBe(500);
    const hold = await harness.sandboxHoldOf(placed.orderId);
    expect(hold).toMatchObject({ outcome: 'DECLINED', attempts: 1 });
    expect(hold?.status).toBeUndefined();
    expect(await harness.invoiceOf(placed.orderId)).toBeUndefined();
    expect(alerts).toEqual([]);
  });

  it('flaky provider: ConfirmPayment is retried twice, then the order goes through, held and captured once', async () => {
    const { placed, execution, order } = await harness.runOrder({ token: 'tok_flaky' });

    expect(execution.status).toBe('SUCCEEDED');
    expect(retriesOf(execution.events)).toEqual({ ConfirmPayment: 2 });
    expect(
      execution.events
        .filter((event) => event.type === 'StateFailed' && event.state?.name === 'ConfirmPayment')
        .map((event) => event.Error),
    ).toEqual(['PaymentProviderUnavailable', 'PaymentProviderUnavailable']);
    expect(statesEntered(execution.events)).toEqual(HAPPY_PATH);
    expect(order.status).toBe('DISPATCHED');
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({
      attempts: 3,
      outcome: 'AUTHORIZED',
      status: 'CAPTURED',
    });
  });

  it('provider down: retries run out, nothing was held, the order fails with payment FAILED and an alert', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'tok_error' });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'PaymentProviderUnavailable' });
    expect(retriesOf(execution.events)).toEqual({ ConfirmPayment: 3 });
    expect(statesEntered(execution.events)).toEqual(PAYMENT_FAILED_PATH);
    expect(order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'FAILED' },
      failure: { step: 'ConfirmPayment', error: 'PaymentProviderUnavailable' },
    });
    expect(await harness.stockOf('KB-001')).toBe(500);
    expect(alerts).toEqual([
      {
        subject: `Order ${placed.orderId} failed at ConfirmPayment`,
        message: {
          orderId: placed.orderId,
          step: 'ConfirmPayment',
          error: 'PaymentProviderUnavailable',
          cause: expect.stringContaining('Sandbox provider unavailable (attempt 4)'),
          executionArn: harness.workflow.executionArn(placed.orderId),
          stage: 'local',
          paymentStatus: 'FAILED',
          compensationFailures: {},
        },
      },
    ]);
  });

  it('an order already settled (failed by someone else, say): the run holds nothing, touches nothing and succeeds', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ status: 'FAILED' });

    expect(execution).toMatchObject({ status: 'SUCCEEDED' });
    expect(statesEntered(execution.events)).toEqual(['ConfirmPayment', 'IsPaymentAuthorized', 'OrderAlreadySettled']);
    expect(order).toEqual({ ...placed, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
    expect(await harness.sandboxHoldOf(placed.orderId)).toBeUndefined();
    expect(alerts).toEqual([]);
  });

  it('ConfirmPayment running past its timeout (Sandbox.Timedout, as AWS reports it) is retried, then compensated, marked and alerted', async () => {
    const timedOut = new TaskError(
      'Sandbox.Timedout',
      JSON.stringify({
        errorType: 'Sandbox.Timedout',
        errorMessage: 'RequestId: r-1 Error: Task timed out after 25.00 seconds',
      }),
    );
    const { placed, execution, order, alerts } = await harness.runOrder({
      lambdas: (deployed) => ({
        invoke: (functionName, payload) =>
          functionName.endsWith('-confirmPayment') ? Promise.reject(timedOut) : deployed.invoke(functionName, payload),
      }),
    });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'Sandbox.Timedout' });
    expect(retriesOf(execution.events)).toEqual({ ConfirmPayment: 3 });
    expect(statesEntered(execution.events)).toEqual(PAYMENT_FAILED_PATH);
    expect(order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'FAILED' },
      failure: {
        step: 'ConfirmPayment',
        error: 'Sandbox.Timedout',
        // Recorded readable: the runtime's message, not its JSON.
        cause: 'RequestId: r-1 Error: Task timed out after 25.00 seconds',
      },
    });
    expect(alerts.map((alert) => alert.message)).toEqual([
      expect.objectContaining({
        orderId: placed.orderId,
        step: 'ConfirmPayment',
        error: 'Sandbox.Timedout',
        cause: timedOut.message,
      }),
    ]);
  });

  it.each([
    ['PaymentFailed', 'ConfirmPayment', 'FAILED'],
    ['DispatchNotRecorded', 'CapturePayment', 'PENDING'],
  ])(
    'a Catch output with only an Error, entering %s: the failure path still runs to its end, the error named and a cause given',
    async (entry, step, orderStatus) => {
      const { placed, execution, order, alerts } = await harness.runOrder({
        startAt: { state: entry, withInput: { error: { Error: 'Lambda.Unknown' } } },
      });

      expect(execution).toMatchObject({
        status: 'FAILED',
        error: 'Lambda.Unknown',
        cause: 'The failed step gave no cause',
      });
      expect(statesEntered(execution.events).at(-1)).toBe('OrderFailed');
      expect(order.status).toBe(orderStatus);
      expect(alerts.map((alert) => alert.message)).toEqual([
        expect.objectContaining({
          orderId: placed.orderId,
          step,
          error: 'Lambda.Unknown',
          cause: 'The failed step gave no cause',
          executionArn: harness.workflow.executionArn(placed.orderId),
          stage: 'local',
        }),
      ]);
    },
  );

  it('out of stock: an answer, not an outage - stock released, invoice voided, hold voided (nothing taken, nothing refunded), the order FAILED, no alert', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({
      items: [
        { sku: 'KB-001', quantity: 1 },
        { sku: 'LT-006', quantity: 5 },
      ],
    });

    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution.events)).toEqual(SOLD_OUT);
    // ReserveStock answered; it did not fail (no Lambda error, so no Errors alarm).
    expect(execution.events.filter((event) => event.type === 'StateFailed')).toEqual([]);
    expect(order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'VOIDED', authorizationId: expect.stringMatching(/^auth_sandbox_/) },
      failure: {
        step: 'ReserveStock',
        error: 'OutOfStock',
        cause: 'Not enough stock: LT-006 (requested 5, available 3)',
      },
    });
    expect(order.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'FAILED']);
    // KB-001 was reserved before LT-006 ran short, and is back.
    expect(await harness.stockOf('KB-001')).toBe(500);
    expect(await harness.stockOf('LT-006')).toBe(3);
    expect(await harness.reservationsOf('KB-001')).toEqual({});
    expect(await harness.invoiceOf(placed.orderId)).toMatchObject({ status: 'VOID' });
    const hold = await harness.sandboxHoldOf(placed.orderId);
    expect(hold).toMatchObject({ status: 'VOIDED' });
    expect(hold).not.toHaveProperty('captureId');
    expect(order.payment.captureId).toBeUndefined();
    expect(alerts).toEqual([]);
  });

  it('out of stock and the hold cannot be voided: the amount stays held, so ops are alerted and the execution fails', async () => {
    const { execution, order, alerts } = await harness.runOrder({
      token: 'tok_refund_fails',
      items: [{ sku: 'LT-006', quantity: 5 }],
    });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'OutOfStock' });
    expect(statesEntered(execution.events).slice(-3)).toEqual([
      'IsOutcomeSettled',
      'PublishFailureAlert',
      'OrderFailed',
    ]);
    expect(order).toMatchObject({ status: 'FAILED', payment: { status: 'AUTHORIZED' } });
    expect(alerts.map((alert) => alert.message)).toEqual([
      expect.objectContaining({
        step: 'ReserveStock',
        error: 'OutOfStock',
        paymentStatus: 'AUTHORIZED',
        compensationFailures: {
          VoidOrRefundPayment: expect.objectContaining({ Error: 'PaymentProviderUnavailable' }),
        },
      }),
    ]);
  });

  it('dispatch to Antarctica: BookShipment fails after recording PROCURED, so everything is undone in reverse (the hold voided), the order marked FAILED and ops alerted', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ country: 'AQ' });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'NoCarrierAvailable' });
    expect(statesEntered(execution.events)).toEqual([...UNTIL_BOOKED, 'DispatchFailed', ...COMPENSATED_AND_ALERTED]);
    expect(order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'VOIDED' },
      failure: { step: 'BookShipment', error: 'NoCarrierAvailable' },
    });
    expect(order.failure?.cause).toContain('No carrier serves AQ');
    expect(order.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED', 'FAILED']);
    expect(await harness.stockOf('KB-001')).toBe(500);
    expect(await harness.stockOf('MS-002')).toBe(1000);
    expect(await harness.invoiceOf(placed.orderId)).toMatchObject({ status: 'VOID' });
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({ status: 'VOIDED' });
    expect(alerts.map((alert) => alert.message)).toEqual([
      expect.objectContaining({ step: 'BookShipment', error: 'NoCarrierAvailable', paymentStatus: 'VOIDED' }),
    ]);
  });

  it('compensation failing: the hold cannot be voided, the order keeps payment AUTHORIZED, and the alert says so', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'tok_refund_fails', country: 'AQ' });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'NoCarrierAvailable' });
    expect(retriesOf(execution.events)).toEqual({ VoidOrRefundPayment: 5 });
    expect(statesEntered(execution.events).slice(-COMPENSATED_AND_ALERTED.length)).toEqual(COMPENSATED_AND_ALERTED);
    // The amount is still held: the order must not claim it released.
    expect(order).toMatchObject({ status: 'FAILED', payment: { status: 'AUTHORIZED' } });
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({ status: 'AUTHORIZED' });
    // The other compensations still ran.
    expect(await harness.stockOf('KB-001')).toBe(500);
    expect(await harness.invoiceOf(placed.orderId)).toMatchObject({ status: 'VOID' });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.message).toMatchObject({
      step: 'BookShipment',
      paymentStatus: 'AUTHORIZED',
      compensationFailures: {
        VoidOrRefundPayment: { Error: 'PaymentProviderUnavailable', Cause: expect.stringContaining('cannot void') },
      },
    });
  });

  it('capture fails transiently: CapturePayment is retried twice, then the order is DISPATCHED with payment CAPTURED, taken once', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'tok_capture_flaky' });

    expect(execution.status).toBe('SUCCEEDED');
    expect(retriesOf(execution.events)).toEqual({ CapturePayment: 2 });
    expect(
      execution.events
        .filter((event) => event.type === 'StateFailed' && event.state?.name === 'CapturePayment')
        .map((event) => event.Error),
    ).toEqual(['PaymentProviderUnavailable', 'PaymentProviderUnavailable']);
    expect(statesEntered(execution.events)).toEqual(HAPPY_PATH);
    expect(order).toMatchObject({ status: 'DISPATCHED', payment: { status: 'CAPTURED' } });
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({
      status: 'CAPTURED',
      captureAttempts: 3,
      captureId: order.payment.captureId,
    });
    expect(await harness.stockOf('KB-001')).toBe(499);
    expect(await harness.reservationsOf('KB-001')).toEqual({});
    expect(alerts).toEqual([]);
  });

  it('capture refused for good: not retried; the order is never DISPATCHED - hold voided, stock back, invoice voided, FAILED, ops alerted', async () => {
    const { placed, execution, order, alerts } = await harness.runOrder({ token: 'tok_capture_rejected' });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'PaymentCaptureRejected' });
    expect(retriesOf(execution.events)).toEqual({});
    expect(statesEntered(execution.events)).toEqual([...HAPPY_PATH, 'CaptureFailed', ...COMPENSATED_AND_ALERTED]);
    expect(order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'VOIDED', authorizationId: expect.stringMatching(/^auth_sandbox_/) },
      failure: {
        step: 'CapturePayment',
        error: 'PaymentCaptureRejected',
        cause: expect.stringContaining('the card issuer refused the capture'),
      },
    });
    expect(order.payment.captureId).toBeUndefined();
    expect(order.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'PROCURED', 'FAILED']);
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({ status: 'VOIDED', captureAttempts: 1 });
    expect(await harness.stockOf('KB-001')).toBe(500);
    expect(await harness.stockOf('MS-002')).toBe(1000);
    expect(await harness.reservationsOf('KB-001')).toEqual({});
    expect(await harness.invoiceOf(placed.orderId)).toMatchObject({ status: 'VOID' });
    expect(alerts).toEqual([
      {
        subject: `Order ${placed.orderId} failed at CapturePayment`,
        message: expect.objectContaining({
          orderId: placed.orderId,
          step: 'CapturePayment',
          error: 'PaymentCaptureRejected',
          paymentStatus: 'VOIDED',
          compensationFailures: {},
        }),
      },
    ]);
  });

  it('a capture that went through without being recorded is refunded, not voided, when the order is compensated', async () => {
    // The provider takes the money, then the Lambda dies before the order records it: Sandbox.Timedout.
    const timedOut = new TaskError('Sandbox.Timedout', 'Task timed out after 25.00 seconds');
    const { placed, execution, order, alerts } = await harness.runOrder({
      lambdas: (deployed) => ({
        invoke: async (functionName, payload) => {
          if (!functionName.endsWith('-capturePayment')) return deployed.invoke(functionName, payload);
          await harness.captureAtTheProvider(String((payload as { orderId: string }).orderId)).catch(() => undefined);
          throw timedOut;
        },
      }),
    });

    expect(execution).toMatchObject({ status: 'FAILED', error: 'Sandbox.Timedout' });
    expect(retriesOf(execution.events)).toEqual({ CapturePayment: 3 });
    expect(order).toMatchObject({ status: 'FAILED', payment: { status: 'REFUNDED' } });
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({ status: 'REFUNDED' });
    expect(await harness.stockOf('KB-001')).toBe(500);
    expect(alerts.map((alert) => alert.message)).toEqual([
      expect.objectContaining({ step: 'CapturePayment', error: 'Sandbox.Timedout', paymentStatus: 'REFUNDED' }),
    ]);
  });

  it('never oversells: five concurrent orders for 2 of the 3 lamps in stock, one is dispatched, four have their holds voided', async () => {
    const placed = await Promise.all(
      Array.from({ length: 5 }, () => harness.storeOrder({ items: [{ sku: 'LT-006', quantity: 2 }] })),
    );

    const runs = await Promise.all(
      placed.map(async (order) =>
        harness.outcomeOf(
          order,
          await harness.workflow.run(order.orderId, workflowInputFor(order), {
            retryIntervalMs: 0,
          }),
        ),
      ),
    );

    expect(runs.map((run) => run.order.status).sort()).toEqual(['DISPATCHED', 'FAILED', 'FAILED', 'FAILED', 'FAILED']);
    expect(runs.filter((run) => run.order.status === 'FAILED').map((run) => run.order.payment.status)).toEqual([
      'VOIDED',
      'VOIDED',
      'VOIDED',
      'VOIDED',
    ]);
    expect(await harness.stockOf('LT-006')).toBe(1);
    expect(await harness.reservationsOf('LT-006')).toEqual({});
  });
});
