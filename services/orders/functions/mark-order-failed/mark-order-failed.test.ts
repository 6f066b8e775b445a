import { DependencyUnavailableError, orderEventFor } from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository, recordingOrderEvents } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import { markOrderFailedHandler } from './mark-order-failed';

const clock = () => new Date('2026-11-21T10:09:00.000Z');
const lambdaCause = JSON.stringify({
  errorType: 'NoCarrierAvailable',
  errorMessage: 'No carrier serves AQ at service level STANDARD',
  trace: ['at book (sandbox-carriers.js:1:1)'],
});
const input = (orderId: string) => ({
  orderId,
  executionName: orderId,
  failure: {
    step: 'BookShipment',
    error: 'NoCarrierAvailable',
    cause: lambdaCause,
    paymentStatus: 'REFUNDED' as const,
  },
});

const storedOrder = async (overrides: Parameters<typeof anOrder>[0] = {}) => {
  const orders = inMemoryOrderRepository();
  const order = anOrder({
    status: 'PROCURED',
    payment: { status: 'AUTHORIZED', authorizationId: 'ch_1' },
    ...overrides,
  });
  await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
  return { orders, order };
};

describe('MarkOrderFailed step', () => {
  it('marks a live order FAILED with the failure, its cause readable, and the payment’s status after the refund', async () => {
    const { orders, order } = await storedOrder();
    const { loggerFor } = recordingLogs();

    const answer = await markOrderFailedHandler({ orders, clock, events: recordingOrderEvents(), loggerFor })(
      input(order.orderId),
    );

    expect(answer).toEqual({ milestone: 'recorded' });
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'REFUNDED', authorizationId: 'ch_1' },
      failure: {
        step: 'BookShipment',
        error: 'NoCarrierAvailable',
        cause: 'No carrier serves AQ at service level STANDARD',
      },
      timeline: [...order.timeline, { status: 'FAILED', at: '2026-11-21T10:09:00.000Z' }],
    });
  });

  it('finds its own earlier write when retried, and writes nothing twice', async () => {
    const { orders, order } = await storedOrder();
    const handler = markOrderFailedHandler({
      orders,
      clock,
      events: recordingOrderEvents(),
      loggerFor: recordingLogs().loggerFor,
    });

    await handler(input(order.orderId));
    const again = await handler(input(order.orderId));

    expect(again).toEqual({ milestone: 'alreadyRecorded' });
    expect((await orders.get(order.orderId))?.order.timeline.filter((entry) => entry.status === 'FAILED')).toHaveLength(
      1,
    );
  });

  it('never writes over an order that is no longer live: an OrderStatusConflict for the workflow to alert', async () => {
    const { orders, order } = await storedOrder({ status: 'DISPATCHED' });

    await expect(
      markOrderFailedHandler({ orders, clock, events: recordingOrderEvents(), loggerFor: recordingLogs().loggerFor })(
        input(order.orderId),
      ),
    ).rejects.toMatchObject({ name: 'OrderStatusConflict' });
    expect((await orders.get(order.orderId))?.order.status).toBe('DISPATCHED');
  });

  it('refuses a failure that names no step, as the contract does', async () => {
    const { orders, order } = await storedOrder();

    await expect(
      markOrderFailedHandler({ orders, clock, events: recordingOrderEvents(), loggerFor: recordingLogs().loggerFor })({
        ...input(order.orderId),
        failure: { ...input(order.orderId).failure, step: '' },
      }),
    ).rejects.toMatchObject({ name: 'InvalidStepInput' });
  });
});

describe('MarkOrderFailed announces the failure', () => {
  it('publishes OrderFailed with the payment the compensation left, and again from a retry after a lost put', async () => {
    const { orders, order } = await storedOrder();
    const events = recordingOrderEvents();
    const step = markOrderFailedHandler({ orders, clock, events, loggerFor: recordingLogs().loggerFor });
    events.failNext(new DependencyUnavailableError('the process died before PutEvents'));

    await expect(step(input(order.orderId))).rejects.toBeInstanceOf(DependencyUnavailableError);
    const retried = await step(input(order.orderId));

    const failed = (await orders.get(order.orderId))!.order;
    expect(retried).toEqual({ milestone: 'alreadyRecorded' });
    expect(events.published).toEqual([orderEventFor(failed, 'OrderFailed')]);
    expect(events.published[0]?.detail).toMatchObject({
      status: 'FAILED',
      paymentStatus: 'REFUNDED',
      occurredAt: clock().toISOString(),
    });
  });
});
