import type { Order } from '@order-platform/domain';
import { anOrder, inMemoryOrdersHolding } from '@order-platform/domain/testing';
import type { ChargingPaymentProvider } from '../../src/ports';
import { refundPaymentHandler } from './refund-payment';

const providerThatRefunds = (refunded: boolean): ChargingPaymentProvider => ({
  charge: jest.fn(),
  refund: jest.fn(async () => ({ refunded })),
});

const ordersWith = (status: Order['status'] = 'PAYMENT_CONFIRMED') =>
  inMemoryOrdersHolding(anOrder({ orderId: 'order-1', status }));

describe('RefundPayment step', () => {
  it('answers REFUNDED when the charge under the order id was refunded', async () => {
    const provider = providerThatRefunds(true);

    await expect(
      refundPaymentHandler({ provider, orders: await ordersWith('PROCURED') })({ orderId: 'order-1' }),
    ).resolves.toBe('REFUNDED');
    expect(provider.refund).toHaveBeenCalledWith({ idempotencyKey: 'order-1' });
  });

  it('answers FAILED when nothing was ever charged, so the order does not claim a refund', async () => {
    await expect(
      refundPaymentHandler({ provider: providerThatRefunds(false), orders: await ordersWith('PENDING') })({
        orderId: 'order-1',
      }),
    ).resolves.toBe('FAILED');
  });

  it('never refunds a dispatched order, whichever run asks: its goods have left', async () => {
    const provider = providerThatRefunds(true);

    await expect(
      refundPaymentHandler({ provider, orders: await ordersWith('DISPATCHED') })({ orderId: 'order-1' }),
    ).rejects.toMatchObject({ name: 'OrderStatusConflict' });
    expect(provider.refund).not.toHaveBeenCalled();
  });
});
