import type { PaymentProvider } from '../../src/ports';
import { refundPaymentHandler } from './refund-payment';

const providerThatRefunds = (refunded: boolean): PaymentProvider => ({
  charge: jest.fn(),
  refund: jest.fn(async () => ({ refunded })),
});

describe('RefundPayment step', () => {
  it('answers REFUNDED when the charge under the order id was refunded', async () => {
    const provider = providerThatRefunds(true);

    await expect(refundPaymentHandler({ provider })({ orderId: 'order-1' })).resolves.toBe('REFUNDED');
    expect(provider.refund).toHaveBeenCalledWith({ idempotencyKey: 'order-1' });
  });

  it('answers FAILED when nothing was ever charged, so the order does not claim a refund', async () => {
    await expect(refundPaymentHandler({ provider: providerThatRefunds(false) })({ orderId: 'order-1' })).resolves.toBe(
      'FAILED',
    );
  });
});
