import type { CancellationRequest, Order } from '@order-platform/domain';
import type { ExecutionOptions } from '@order-platform/local-cloud';
import { workflowInputFor } from './contract';
import { CANCELLED, UNTIL_BOOKED } from './testing/paths';
import { startWorkflowHarness, statesEntered } from './testing/workflow-harness';

// Cancelling an order at each stage of its workflow, on the real ASL and the deployed step
// handlers: the request is the one write POST /orders/{orderId}/cancel makes, landing just before
// the named step runs (or, for an order PROCURED, while BookShipment waits at its checkpoint
// before the hand-over, by the sandbox's pause). Each ends CANCELLED with everything given back,
// the execution SUCCEEDED and no alert.

/** The deployed functions, or a stand-in for them. */
type Lambdas = NonNullable<ExecutionOptions['lambdas']>;

const request: CancellationRequest = { requestedAt: '2026-11-21T10:00:30.000Z', requestedBy: 'customer' };

describe('cancelling an order while its workflow runs (real ASL, local services)', () => {
  let harness: Awaited<ReturnType<typeof startWorkflowHarness>>;

  beforeAll(async () => {
    harness = await startWorkflowHarness();
  }, 60_000);

  beforeEach(async () => {
    await harness.resetCatalog();
  });
  afterAll(() => harness?.stop());

  /** The deployed functions, with the cancel request landing just before `step`'s function runs. */
  const cancellingBefore =
    (step: string, orderId: string) =>
    (deployed: Parameters<Lambdas>[0]): ReturnType<Lambdas> => ({
      invoke: async (functionName, payload) => {
        if (functionName.endsWith(`-${step}`)) await harness.orders.requestCancellation(orderId, request);
        return deployed.invoke(functionName, payload);
      },
    });

  const run = async (placed: Order, lambdas?: Lambdas) =>
    harness.outcomeOf(
      placed,
      await harness.workflow.run(placed.orderId, workflowInputFor(placed), {
        retryIntervalMs: 0,
        ...(lambdas ? { lambdas } : {}),
      }),
    );

  /** What every cancelled order comes to: nothing kept, nothing taken, no one paged. */
  const expectUndone = async ({ placed, execution, order, alerts }: Awaited<ReturnType<typeof run>>) => {
    expect(execution.status).toBe('SUCCEEDED');
    expect(order).toMatchObject({ status: 'CANCELLED', cancellation: request });
    expect(order.failure).toBeUndefined();
    expect(order.timeline.at(-1)?.status).toBe('CANCELLED');
    expect(await harness.stockOf('KB-001')).toBe(500);
    expect(await harness.stockOf('MS-002')).toBe(1000);
    expect(await harness.reservationsOf('KB-001')).toEqual({});
    expect((await harness.invoiceOf(placed.orderId))?.status ?? 'VOID').toBe('VOID');
    expect(alerts).toEqual([]);
    // Settled: a second execution (the reconciler's, a restart's) touches nothing.
    const again = await harness.workflow.run(`${placed.orderId}-again`, workflowInputFor(placed), {
      retryIntervalMs: 0,
    });
    expect(statesEntered(again.events)).toEqual(['ConfirmPayment', 'IsPaymentAuthorized', 'OrderAlreadySettled']);
  };

  it('PENDING, before any step ran: nothing is charged, reserved or invoiced', async () => {
    const placed = await harness.storeOrder({});
    await harness.orders.requestCancellation(placed.orderId, request);

    const outcome = await run(placed);

    expect(statesEntered(outcome.execution.events)).toEqual(['ConfirmPayment', ...CANCELLED]);
    expect(outcome.order.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'CANCELLED']);
    // Nothing was ever held, so there is nothing to release.
    expect(outcome.order.payment.status).toBe('FAILED');
    expect(await harness.sandboxHoldOf(placed.orderId)).toBeUndefined();
    await expectUndone(outcome);
  });

  it('payment authorized, as procurement starts: the hold is voided, the stock released, the invoice voided', async () => {
    const placed = await harness.storeOrder({});

    const outcome = await run(placed, cancellingBefore('reserveStock', placed.orderId));

    expect(statesEntered(outcome.execution.events)).toEqual([
      'ConfirmPayment',
      'IsPaymentAuthorized',
      'ProcureOrder',
      'PrepareInvoice',
      'ReserveStock',
      ...CANCELLED,
    ]);
    expect(outcome.order.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_CONFIRMED', 'CANCELLED']);
    expect(outcome.order.payment).toMatchObject({ status: 'VOIDED', authorizationId: expect.any(String) });
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({ status: 'VOIDED' });
    await expectUndone(outcome);
  });

  it('stock reserved and invoiced, as BookShipment starts: nothing is booked, everything is given back', async () => {
    const placed = await harness.storeOrder({});

    const outcome = await run(placed, cancellingBefore('bookShipment', placed.orderId));

    expect(statesEntered(outcome.execution.events)).toEqual([...UNTIL_BOOKED, ...CANCELLED]);
    expect(outcome.order.shipment).toBeUndefined();
    expect(outcome.order.payment.status).toBe('VOIDED');
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({ status: 'VOIDED' });
    expect(await harness.invoiceOf(placed.orderId)).toMatchObject({ status: 'VOID' });
    await expectUndone(outcome);
  });

  it('PROCURED, while BookShipment waits before handing the parcel over: the cancel wins, nothing is booked', async () => {
    // The sandbox's pause (3 s on the local stage) holds BookShipment between PROCURED and the hand-over.
    const placed = await harness.storeOrder({ addressLine2: 'SANDBOX PAUSE BookShipment' });

    const running = run(placed);
    await harness.until(async () => (await harness.orders.get(placed.orderId))?.order.status === 'PROCURED');
    expect(await harness.orders.requestCancellation(placed.orderId, request)).toMatchObject({ status: 'PROCURED' });
    const outcome = await running;

    expect(statesEntered(outcome.execution.events)).toEqual([...UNTIL_BOOKED, ...CANCELLED]);
    expect(outcome.order.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_CONFIRMED',
      'PROCURED',
      'CANCELLED',
    ]);
    expect(outcome.order.shipment).toBeUndefined();
    expect(outcome.order.payment.status).toBe('VOIDED');
    expect(await harness.sandboxHoldOf(placed.orderId)).toMatchObject({ status: 'VOIDED' });
    await expectUndone(outcome);
  }, 30_000);

  it('a run re-driven after a crash in the middle of undoing a cancellation finishes it CANCELLED, unalerted', async () => {
    const placed = await harness.storeOrder({});
    // The first run noticed the cancellation, marked the order and died in ReleaseStock.
    await harness.orders.recordMilestone(
      placed.orderId,
      { kind: 'PaymentAuthorized', authorizationId: 'auth_x' },
      new Date(),
    );
    await harness.orders.requestCancellation(placed.orderId, request);
    await harness.orders.recordCompensationStarted(
      placed.orderId,
      { step: 'CancelOrder', error: 'OrderCancellationRequested' },
      new Date(),
    );

    const outcome = await run(placed);

    expect(statesEntered(outcome.execution.events)).toEqual(['ConfirmPayment', ...CANCELLED]);
    await expectUndone(outcome);
  });

  it('a cancellation whose hold cannot be released is not quietly settled: FAILED, alerted', async () => {
    const placed = await harness.storeOrder({ token: 'tok_refund_fails' });

    const { execution, order, alerts } = await run(placed, cancellingBefore('bookShipment', placed.orderId));

    expect(execution).toMatchObject({ status: 'FAILED', error: 'OrderCancellationRequested' });
    expect(order).toMatchObject({
      status: 'FAILED',
      failure: { step: 'CancelOrder', error: 'OrderCancellationRequested' },
    });
    expect(alerts.map((alert) => alert.message)).toEqual([
      expect.objectContaining({
        step: 'CancelOrder',
        compensationFailures: { VoidOrRefundPayment: expect.objectContaining({ Error: 'PaymentProviderUnavailable' }) },
      }),
    ]);
  });
});
