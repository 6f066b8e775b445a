import { orderEventFor } from '@order-platform/domain';
import { anOrder, inMemoryOrderRepository, recordingOrderEvents } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import { markOrderCancelledHandler } from './mark-order-cancelled';

const clock = () => new Date('2026-11-21T10:09:00.000Z');
const cancellation = { requestedAt: '2026-11-21T10:05:00.000Z', requestedBy: 'customer' } as const;

const storedOrder = async (overrides: Parameters<typeof anOrder>[0] = {}) => {
  const orders = inMemoryOrderRepository();
  const order = anOrder({
    status: 'PROCURED',
    payment: { status: 'AUTHORIZED', authorizationId: 'auth_1' },
    cancellation,
    ...overrides,
  });
  await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
  return { orders, order };
};
const input = (orderId: string) => ({ orderId, executionName: orderId, paymentStatus: 'VOIDED' as const });

describe('MarkOrderCancelled step', () => {
  it('ends the order CANCELLED with the payment’s status after compensation, on its timeline', async () => {
    const { orders, order } = await storedOrder();
    const logs = recordingLogs();

    const answer = await markOrderCancelledHandler({
      orders,
      clock,
      events: recordingOrderEvents(),
      loggerFor: logs.loggerFor,
    })(input(order.orderId));

    expect(answer).toEqual({ milestone: 'recorded' });
    expect((await orders.get(order.orderId))?.order).toEqual({
      ...order,
      status: 'CANCELLED',
      payment: { status: 'VOIDED', authorizationId: 'auth_1' },
      timeline: [...order.timeline, { status: 'CANCELLED', at: '2026-11-21T10:09:00.000Z' }],
      updatedAt: '2026-11-21T10:09:00.000Z',
    });
    expect(logs.lines).toEqual([
      expect.objectContaining({ message: 'Order cancelled', paymentStatus: 'VOIDED', milestone: 'recorded' }),
    ]);
  });

  it('finds its own earlier write when retried, and writes nothing twice', async () => {
    const { orders, order } = await storedOrder();
    const handler = markOrderCancelledHandler({ orders, clock, events: recordingOrderEvents() });

    await handler(input(order.orderId));

    expect(await handler(input(order.orderId))).toEqual({ milestone: 'alreadyRecorded' });
    expect((await orders.get(order.orderId))?.order.timeline.filter((e) => e.status === 'CANCELLED')).toHaveLength(1);
  });

  it.each(['DISPATCHED', 'FAILED'] as const)('never writes over a %s order: an OrderStatusConflict', async (status) => {
    const { orders, order } = await storedOrder({ status });

    await expect(
      markOrderCancelledHandler({ orders, clock, events: recordingOrderEvents() })(input(order.orderId)),
    ).rejects.toMatchObject({
      name: 'OrderStatusConflict',
    });
    expect((await orders.get(order.orderId))?.order.status).toBe(status);
  });
});

describe('MarkOrderCancelled announces the cancellation', () => {
  it('publishes OrderCancelled with the payment the compensation left, the same from every attempt', async () => {
    const { orders, order } = await storedOrder();
    const events = recordingOrderEvents();
    const handler = markOrderCancelledHandler({ orders, clock, events });

    await handler(input(order.orderId));
    await handler(input(order.orderId));

    const announced = orderEventFor((await orders.get(order.orderId))!.order, 'OrderCancelled');
    expect(events.published).toEqual([announced, announced]);
    expect(announced?.detail).toMatchObject({ status: 'CANCELLED', paymentStatus: 'VOIDED' });
  });
});
