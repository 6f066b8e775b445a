import { anOrder, inMemoryOrderRepository } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { PaymentProvider } from '../../src/ports';
import { confirmPaymentHandler } from './confirm-payment';

const fakeProvider = (): PaymentProvider & { charges: Parameters<PaymentProvider['charge']>[0][] } => {
  const charges: Parameters<PaymentProvider['charge']>[0][] = [];
  return {
    charges,
    async charge(request) {
      charges.push(request);
      return request.token === 'tok_declined'
        ? { outcome: 'DECLINED', reason: 'Card declined by the issuer' }
        : { outcome: 'APPROVED', chargeId: `ch_${request.idempotencyKey}` };
    },
    async refund() {
      return { refunded: false };
    },
  };
};

const clock = () => new Date('2026-11-21T10:01:00.000Z');

const placedOrder = async (token: string, overrides: Parameters<typeof anOrder>[0] = {}) => {
  const orders = inMemoryOrderRepository();
  const order = anOrder(overrides);
  await orders.insert({ order, paymentToken: token, requestFingerprint: 'fp' });
  return { orders, order };
};

describe('ConfirmPayment step', () => {
  it("charges the order's total with the token from the order record, keyed by the order id, and records the charge", async () => {
    const { orders, order } = await placedOrder('tok_visa');
    const provider = fakeProvider();
    const logs = recordingLogs();

    const outcome = await confirmPaymentHandler({ orders, provider, clock, loggerFor: logs.loggerFor })({
      orderId: order.orderId,
      executionName: order.orderId,
    });

    expect(outcome).toEqual({ outcome: 'APPROVED', chargeId: `ch_${order.orderId}` });
    expect(provider.charges).toEqual([{ idempotencyKey: order.orderId, token: 'tok_visa', amount: order.total }]);
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'PAYMENT_CONFIRMED',
      payment: { status: 'CONFIRMED', chargeId: `ch_${order.orderId}` },
      timeline: [{ status: 'PENDING' }, { status: 'PAYMENT_CONFIRMED', at: '2026-11-21T10:01:00.000Z' }],
      updatedAt: '2026-11-21T10:01:00.000Z',
    });
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'Payment confirmed',
        orderId: order.orderId,
        executionName: order.orderId,
        chargeId: `ch_${order.orderId}`,
        milestone: 'recorded',
      }),
    ]);
  });

  it('returns a decline as a result for the workflow to choose on, and records the order as FAILED with payment DECLINED', async () => {
    const { orders, order } = await placedOrder('tok_declined');

    const outcome = await confirmPaymentHandler({ orders, provider: fakeProvider(), clock })({
      orderId: order.orderId,
    });

    expect(outcome).toEqual({ outcome: 'DECLINED', reason: 'Card declined by the issuer' });
    expect((await orders.get(order.orderId))?.order).toMatchObject({
      status: 'FAILED',
      payment: { status: 'DECLINED' },
      failure: { step: 'ConfirmPayment', error: 'PaymentDeclined', cause: 'Card declined by the issuer' },
      timeline: [{ status: 'PENDING' }, { status: 'FAILED', at: '2026-11-21T10:01:00.000Z' }],
    });
  });

  it.each([
    ['an approval', 'tok_visa', 'PAYMENT_CONFIRMED'],
    ['a decline', 'tok_declined', 'FAILED'],
  ])('answers a retry after %s as the first attempt did, recording nothing twice', async (_, token, status) => {
    const { orders, order } = await placedOrder(token);
    const logs = recordingLogs();
    const step = confirmPaymentHandler({ orders, provider: fakeProvider(), clock, loggerFor: logs.loggerFor });
    const first = await step({ orderId: order.orderId });
    const recordedFirst = (await orders.get(order.orderId))?.order;

    const retried = await step({ orderId: order.orderId });

    expect(retried).toEqual(first);
    expect((await orders.get(order.orderId))?.order).toEqual(recordedFirst);
    expect(recordedFirst?.timeline.map((entry) => entry.status)).toEqual(['PENDING', status]);
    expect(logs.lines.map((line) => line.milestone)).toEqual(['recorded', 'alreadyRecorded']);
  });

  it('fails with OrderStatusConflict, writing nothing, when the order is no longer waiting for its payment', async () => {
    const { orders, order } = await placedOrder('tok_visa', { status: 'FAILED' });

    await expect(
      confirmPaymentHandler({ orders, provider: fakeProvider(), clock })({ orderId: order.orderId }),
    ).rejects.toMatchObject({
      name: 'OrderStatusConflict',
      message: `Order ${order.orderId} is FAILED: PaymentConfirmed can only be recorded on a PENDING order`,
    });
    expect((await orders.get(order.orderId))?.order).toEqual(order);
  });

  it('fails with OrderRecordMissing, charging nothing, when the order does not exist', async () => {
    const provider = fakeProvider();

    await expect(
      confirmPaymentHandler({ orders: inMemoryOrderRepository(), provider, clock })({ orderId: 'no-such-order' }),
    ).rejects.toMatchObject({ name: 'OrderRecordMissing' });
    expect(provider.charges).toEqual([]);
  });
});
