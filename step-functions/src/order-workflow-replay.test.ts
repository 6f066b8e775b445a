import type { Order } from '@order-platform/domain';
import { TaskError } from '@order-platform/local-cloud';
import { workflowInputFor } from './contract';
import { startWorkflowHarness, type OrderOptions } from './testing/workflow-harness';

// Effects are once per order, not once per execution: the real ASL run a second time for the same
// order - after it was DISPATCHED or FAILED, and after a crash at every step boundary, re-driven
// from its start as the local stack resumes a running execution - leaves stock, the payment
// ledger, the invoice and the parcel as one run leaves them: no hold is captured, voided or
// refunded twice.

type Harness = Awaited<ReturnType<typeof startWorkflowHarness>>;

interface Scenario {
  readonly name: string;
  readonly order: OrderOptions;
  /** How many step Lambdas one uninterrupted run invokes. */
  readonly lambdaSteps: number;
  readonly ends: 'DISPATCHED' | 'VOIDED' | 'DECLINED';
  /** How many capture requests the provider gets for the order, however many runs it takes. */
  readonly captureRequests?: number;
}

const dispatchedScenario: Scenario = {
  name: 'dispatched',
  order: { token: 'tok_visa' },
  // ConfirmPayment, ReserveStock, PrepareInvoice, BookShipment, CapturePayment
  lambdaSteps: 5,
  ends: 'DISPATCHED',
  captureRequests: 1,
};

const SCENARIOS: readonly Scenario[] = [
  dispatchedScenario,
  {
    name: 'sold out',
    order: {
      items: [
        { sku: 'KB-001', quantity: 1 },
        { sku: 'LT-006', quantity: 5 },
      ],
    },
    // ConfirmPayment, ReserveStock, PrepareInvoice, ReleaseStock, VoidInvoice, VoidOrRefundPayment, MarkOrderFailed
    lambdaSteps: 7,
    ends: 'VOIDED',
  },
  // BookShipment fails (no carrier serves AQ) after recording PROCURED; then the whole compensation.
  { name: 'undeliverable', order: { country: 'AQ' }, lambdaSteps: 8, ends: 'VOIDED' },
  // The capture fails twice, then goes through: two more invocations of CapturePayment.
  {
    name: 'capture retried',
    order: { token: 'tok_capture_flaky' },
    lambdaSteps: 7,
    ends: 'DISPATCHED',
    captureRequests: 3,
  },
  // CapturePayment is refused for good after the parcel is booked; then the whole compensation.
  { name: 'capture refused', order: { token: 'tok_capture_rejected' }, lambdaSteps: 9, ends: 'VOIDED' },
  { name: 'declined', order: { token: 'tok_declined' }, lambdaSteps: 1, ends: 'DECLINED' },
];

/**
 * Runs the order's execution until `completedSteps` step Lambdas have run, then stops it dead, as
 * a killed process does: the next step never runs, and nothing after it. With as many steps as
 * the run has, it runs to its end.
 */
const runUntilCrash = (harness: Harness, placed: Order, completedSteps: number) => {
  let invoked = 0;
  const execution = harness.workflow.start(placed.orderId, workflowInputFor(placed), {
    retryIntervalMs: 0,
    lambdas: (deployed) => ({
      invoke: (functionName, payload) => {
        invoked += 1;
        if (invoked <= completedSteps) return deployed.invoke(functionName, payload);
        execution.abort();
        return new Promise(() => undefined);
      },
    }),
  });
  return execution.result;
};

describe('order workflow run again for the same order (real ASL, local services)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startWorkflowHarness();
  }, 60_000);
  beforeEach(() => harness.resetCatalog());
  afterAll(() => harness?.stop());

  const stockOf = async (order: Order) =>
    Object.fromEntries(await Promise.all(order.items.map(async ({ sku }) => [sku, await harness.stockOf(sku)])));

  /** Everything an order's effects touch, as one run leaves it: asserted after two. */
  const expectOnceOnly = async (scenario: Scenario, placed: Order, stockBefore: Record<string, number>) => {
    const { order, alerts } = await harness.stateOf(placed);
    const stockAfter = await stockOf(placed);
    const dispatched = scenario.ends === 'DISPATCHED';
    for (const { sku, quantity } of placed.items) {
      expect({ sku, stock: stockAfter[sku] }).toEqual({
        sku,
        stock: (stockBefore[sku] ?? 0) - (dispatched ? quantity : 0),
      });
      expect(await harness.reservationsOf(sku)).not.toHaveProperty(placed.orderId);
    }
    const hold = await harness.sandboxHoldOf(placed.orderId);
    const invoice = await harness.invoiceOf(placed.orderId);
    const statuses = order.timeline.map((entry) => entry.status);
    expect(new Set(statuses).size).toBe(statuses.length);
    switch (scenario.ends) {
      case 'DISPATCHED':
        expect(order).toMatchObject({
          status: 'DISPATCHED',
          payment: { status: 'CAPTURED', authorizationId: hold?.authorizationId, captureId: hold?.captureId },
        });
        expect(hold).toMatchObject({
          outcome: 'AUTHORIZED',
          status: 'CAPTURED',
          captureAttempts: scenario.captureRequests,
        });
        expect(invoice).toMatchObject({ invoiceNumber: order.invoiceNumber });
        expect(invoice?.status).not.toBe('VOID');
        expect(alerts).toEqual([]);
        break;
      case 'VOIDED':
        expect(order).toMatchObject({ status: 'FAILED', payment: { status: 'VOIDED' } });
        expect(order.payment.authorizationId).toBe(hold?.authorizationId);
        // Released, never taken: nothing to refund.
        expect(hold).toMatchObject({ outcome: 'AUTHORIZED', status: 'VOIDED' });
        expect(hold).not.toHaveProperty('captureId');
        expect(invoice).toMatchObject({ status: 'VOID' });
        // One page at most: the failure's own, or the run that finished an interrupted compensation.
        expect(alerts.length).toBeLessThanOrEqual(1);
        break;
      case 'DECLINED':
        expect(order).toMatchObject({ status: 'FAILED', payment: { status: 'DECLINED' } });
        expect(hold).toMatchObject({ outcome: 'DECLINED', attempts: 1 });
        expect(hold).not.toHaveProperty('status');
        expect(invoice).toBeUndefined();
        expect(alerts).toEqual([]);
        break;
    }
  };

  describe.each(SCENARIOS)('$name', (scenario) => {
    it.each(Array.from({ length: scenario.lambdaSteps + 1 }, (_, completed) => completed))(
      'a run that stopped after %i step(s), then one re-driven from the start, leave the order as one run does',
      async (completed) => {
        const placed = await harness.storeOrder(scenario.order);
        const stockBefore = await stockOf(placed);

        const first = await runUntilCrash(harness, placed, completed);
        const second = await harness.workflow.run(placed.orderId, workflowInputFor(placed), { retryIntervalMs: 0 });

        const crashed = completed < scenario.lambdaSteps;
        expect({ crashed, status: first.status === 'ABORTED' }).toEqual({ crashed, status: crashed });
        expect(['SUCCEEDED', 'FAILED']).toContain(second.status);
        // A run that finds the order settled ends at once; one that finds it live carries it on.
        const { payment } = (second.output ?? {}) as { payment?: { outcome?: string } };
        expect({ crashed, settled: payment?.outcome === 'SETTLED' }).toEqual({ crashed, settled: !crashed });
        await expectOnceOnly(scenario, placed, stockBefore);
      },
    );
  });

  it('a second run of a dispatched order ends at once: nothing held, captured, taken, invoiced or booked again', async () => {
    const placed = await harness.storeOrder({ token: 'tok_visa' });
    await harness.workflow.run(placed.orderId, workflowInputFor(placed), { retryIntervalMs: 0 });
    const { order: dispatched } = await harness.stateOf(placed);
    const holdBefore = await harness.sandboxHoldOf(placed.orderId);

    const second = await harness.workflow.run(placed.orderId, workflowInputFor(placed), { retryIntervalMs: 0 });

    expect(second.status).toBe('SUCCEEDED');
    expect(second.output).toMatchObject({ payment: { outcome: 'SETTLED', status: 'DISPATCHED' } });
    expect((await harness.outcomeOf(placed, second)).order).toEqual(dispatched);
    expect(await harness.sandboxHoldOf(placed.orderId)).toEqual(holdBefore);
  });

  it('a crash inside CapturePayment after the money was taken and the stock committed: the next run captures nothing and takes no stock again', async () => {
    const placed = await harness.storeOrder({ token: 'tok_visa' });
    const stockBefore = await stockOf(placed);
    // The run got through BookShipment, and CapturePayment took the money and committed the stock
    // before the process died: the order does not know it was captured.
    await runUntilCrash(harness, placed, 4);
    await harness.captureAtTheProvider(placed.orderId);
    await harness.stock.commit(placed.orderId, placed.items);
    expect((await harness.stateOf(placed)).order.status).toBe('PROCURED');

    const second = await harness.workflow.run(placed.orderId, workflowInputFor(placed), { retryIntervalMs: 0 });

    expect(second.status).toBe('SUCCEEDED');
    await expectOnceOnly(dispatchedScenario, placed, stockBefore);
    // The provider answered the first capture again: the order records it, and nothing more was taken.
    expect((await harness.stateOf(placed)).order.payment.captureId).toBe('cap_sandbox_unrecorded');
  });

  it('a compensation a crash interrupted is finished by the next run, never taken forward, even when the failed step would now succeed', async () => {
    const placed = await harness.storeOrder({ token: 'tok_visa' });
    const stockBefore = await stockOf(placed);
    // The carrier is down for the whole first run; it dies after ReleaseStock gave the stock back.
    const first = harness.workflow.start(placed.orderId, workflowInputFor(placed), {
      retryIntervalMs: 0,
      lambdas: (deployed) => ({
        invoke: (functionName, payload) => {
          if (functionName.endsWith('-bookShipment')) {
            return Promise.reject(new TaskError('CarrierUnavailable', 'EuroParcel is down'));
          }
          if (functionName.endsWith('-voidInvoice')) {
            first.abort();
            return new Promise(() => undefined);
          }
          return deployed.invoke(functionName, payload);
        },
      }),
    });
    expect((await first.result).status).toBe('ABORTED');

    // The carrier is back: taking the order forward now would ship goods whose stock was given back.
    const second = await harness.workflow.run(placed.orderId, workflowInputFor(placed), { retryIntervalMs: 0 });

    expect(second.status).toBe('FAILED');
    await expectOnceOnly({ ...dispatchedScenario, ends: 'VOIDED' }, placed, stockBefore);
    const { order, alerts } = await harness.stateOf(placed);
    expect(order.failure).toMatchObject({
      step: 'ConfirmPayment',
      error: 'CompensationInterrupted',
      cause: expect.stringContaining('(BookShipment failed with CarrierUnavailable)'),
    });
    expect(alerts).toEqual([
      expect.objectContaining({ message: expect.objectContaining({ error: 'CompensationInterrupted' }) }),
    ]);
  });
});
