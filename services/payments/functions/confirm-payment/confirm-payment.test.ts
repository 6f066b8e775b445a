import { anOrder, inMemoryOrderRepository } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { ChargingPaymentProvider } from '../../src/ports';
import { confirmPaymentHandler } from './confirm-payment';

const fakeProvider = (): ChargingPaymentProvider & { charges: Parameters<ChargingPaymentProvider['charge']>[0][] } => {
  const charges: Parameters<ChargingPaymentProvider['charge']>[0][] = [];
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

  it('answers a retry after an approval as the first attempt did, recording nothing twice', async () => {
    const { orders, order } = await placedOrder('tok_visa');
    const logs = recordingLogs();
    const step = confirmPaymentHandler({ orders, provider: fakeProvider(), clock, loggerFor: logs.loggerFor });
    const first = await step({ orderId: order.orderId });
    const recordedFirst = (await orders.get(order.orderId))?.order;

    const retried = await step({ orderId: order.orderId });

    expect(retried).toEqual(first);
    expect((await orders.get(order.orderId))?.order).toEqual(recordedFirst);
    expect(recordedFirst?.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_CONFIRMED']);
    expect(logs.lines.map((line) => line.milestone)).toEqual(['recorded', 'alreadyRecorded']);
  });

  it('answers a retry after a decline with SETTLED: the order is FAILED already, and nothing is charged or recorded twice', async () => {
    const { orders, order } = await placedOrder('tok_declined');
    const provider = fakeProvider();
    const step = confirmPaymentHandler({ orders, provider, clock });
    await step({ orderId: order.orderId });
    const recordedFirst = (await orders.get(order.orderId))?.order;

    expect(await step({ orderId: order.orderId })).toEqual({ outcome: 'SETTLED', status: 'FAILED' });
    expect(provider.charges).toHaveLength(1);
    expect((await orders.get(order.orderId))?.order).toEqual(recordedFirst);
  });

  it.each(['DISPATCHED', 'FAILED'] as const)(
    'answers SETTLED for an order already %s, charging and writing nothing: a second run ends there',
    async (status) => {
      const { orders, order } = await placedOrder('tok_visa', { status });
      const provider = fakeProvider();

      expect(await confirmPaymentHandler({ orders, provider, clock })({ orderId: order.orderId })).toEqual({
        outcome: 'SETTLED',
        status,
      });
      expect(provider.charges).toEqual([]);
      expect((await orders.get(order.orderId))?.order).toEqual(order);
    },
  );

  it('fails with CompensationInterrupted, charging nothing, for an order an earlier run began undoing', async () => {
    const { orders, order } = await placedOrder('tok_visa', { status: 'PROCURED' });
    await orders.recordCompensationStarted(
      order.orderId,
      { step: 'BookShipment', error: 'CarrierUnavailable' },
      clock(),
    );
    const provider = fakeProvider();

    await expect(confirmPaymentHandler({ orders, provider, clock })({ orderId: order.orderId })).rejects.toMatchObject({
      name: 'CompensationInterrupted',
      message: expect.stringContaining('(BookShipment failed with CarrierUnavailable)'),
    });
    expect(provider.charges).toEqual([]);
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
