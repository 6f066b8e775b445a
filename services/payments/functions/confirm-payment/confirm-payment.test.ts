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

describe('ConfirmPayment step', () => {
  it("charges the order's total with the token from the order record, keyed by the order id", async () => {
    const orders = inMemoryOrderRepository();
    const order = anOrder();
    await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
    const provider = fakeProvider();

    const logs = recordingLogs();

    const outcome = await confirmPaymentHandler({ orders, provider, loggerFor: logs.loggerFor })({
      orderId: order.orderId,
      executionName: order.orderId,
    });

    expect(outcome).toEqual({ outcome: 'APPROVED', chargeId: `ch_${order.orderId}` });
    expect(provider.charges).toEqual([{ idempotencyKey: order.orderId, token: 'tok_visa', amount: order.total }]);
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'Payment confirmed',
        orderId: order.orderId,
        executionName: order.orderId,
        chargeId: `ch_${order.orderId}`,
      }),
    ]);
  });

  it('returns a decline as a result for the workflow to choose on, not as an error', async () => {
    const orders = inMemoryOrderRepository();
    const order = anOrder();
    await orders.insert({ order, paymentToken: 'tok_declined', requestFingerprint: 'fp' });

    await expect(
      confirmPaymentHandler({ orders, provider: fakeProvider() })({ orderId: order.orderId }),
    ).resolves.toEqual({
      outcome: 'DECLINED',
      reason: 'Card declined by the issuer',
    });
  });

  it('fails with OrderRecordMissing, charging nothing, when the order does not exist', async () => {
    const provider = fakeProvider();

    await expect(
      confirmPaymentHandler({ orders: inMemoryOrderRepository(), provider })({ orderId: 'no-such-order' }),
    ).rejects.toMatchObject({ name: 'OrderRecordMissing' });
    expect(provider.charges).toEqual([]);
  });
});
