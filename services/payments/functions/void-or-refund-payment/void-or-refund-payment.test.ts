import type { Order } from '@order-platform/domain';
import { anOrder, inMemoryOrdersHolding } from '@order-platform/domain/testing';
import { recordingLogs } from '@order-platform/lambda/testing';
import type { PaymentProvider } from '../../src/ports';
import { voidOrRefundPaymentHandler } from './void-or-refund-payment';

const providerThat = (answers: { voided: boolean; refunded: boolean }) => ({
  void: jest.fn<ReturnType<PaymentProvider['void']>, Parameters<PaymentProvider['void']>>(async () => ({
    voided: answers.voided,
  })),
  refund: jest.fn<ReturnType<PaymentProvider['refund']>, Parameters<PaymentProvider['refund']>>(async () => ({
    refunded: answers.refunded,
  })),
});

const orderWith = (status: Order['status'], payment: Order['payment']) =>
  inMemoryOrdersHolding(anOrder({ orderId: 'order-1', status, payment }));
const authorized = { status: 'AUTHORIZED', authorizationId: 'auth_1' } as const;

describe('VoidOrRefundPayment step', () => {
  it('voids a hold never captured and answers VOIDED, refunding nothing', async () => {
    const provider = providerThat({ voided: true, refunded: true });
    const logs = recordingLogs();

    await expect(
      voidOrRefundPaymentHandler({ provider, orders: await orderWith('PROCURED', authorized), ...logs })({
        orderId: 'order-1',
      }),
    ).resolves.toBe('VOIDED');
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'Hold voided', authorizationId: 'auth_1' }),
    );
    expect(provider.void).toHaveBeenCalledWith({ orderId: 'order-1', authorizationId: 'auth_1' });
    expect(provider.refund).not.toHaveBeenCalled();
  });

  it('refunds a captured payment and answers REFUNDED, voiding nothing', async () => {
    const provider = providerThat({ voided: false, refunded: true });
    const orders = await orderWith('PROCURED', { status: 'CAPTURED', authorizationId: 'auth_1', captureId: 'cap_1' });
    const logs = recordingLogs();

    await expect(voidOrRefundPaymentHandler({ provider, orders, ...logs })({ orderId: 'order-1' })).resolves.toBe(
      'REFUNDED',
    );
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'Payment refunded', authorizationId: 'auth_1' }),
    );
    expect(provider.void).not.toHaveBeenCalled();
    expect(provider.refund).toHaveBeenCalledWith({
      orderId: 'order-1',
      authorizationId: 'auth_1',
      amount: (await orders.get('order-1'))?.order.total,
    });
  });

  it('refunds a hold the provider will not void because it was captured without the order knowing', async () => {
    const provider = providerThat({ voided: false, refunded: true });

    await expect(
      voidOrRefundPaymentHandler({ provider, orders: await orderWith('PROCURED', authorized) })({ orderId: 'order-1' }),
    ).resolves.toBe('REFUNDED');
    expect(provider.void).toHaveBeenCalledTimes(1);
  });

  it('answers FAILED when the provider holds nothing under the hold', async () => {
    const logs = recordingLogs();

    await expect(
      voidOrRefundPaymentHandler({
        provider: providerThat({ voided: false, refunded: false }),
        orders: await orderWith('PAYMENT_CONFIRMED', authorized),
        ...logs,
      })({ orderId: 'order-1' }),
    ).resolves.toBe('FAILED');
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'Nothing held or taken under the hold',
        authorizationId: 'auth_1',
      }),
    );
  });

  it('answers FAILED without asking the provider when no hold was ever recorded', async () => {
    const provider = providerThat({ voided: true, refunded: true });
    const logs = recordingLogs();

    await expect(
      voidOrRefundPaymentHandler({ provider, orders: await orderWith('PENDING', { status: 'PENDING' }), ...logs })({
        orderId: 'order-1',
      }),
    ).resolves.toBe('FAILED');
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'No hold recorded: nothing to void or refund',
        paymentStatus: 'PENDING',
      }),
    );
    expect(provider.void).not.toHaveBeenCalled();
    expect(provider.refund).not.toHaveBeenCalled();
  });

  it('never voids or refunds a dispatched order, whichever run asks: its goods have left', async () => {
    const provider = providerThat({ voided: true, refunded: true });
    const orders = await orderWith('DISPATCHED', { status: 'CAPTURED', authorizationId: 'auth_1', captureId: 'cap_1' });

    await expect(voidOrRefundPaymentHandler({ provider, orders })({ orderId: 'order-1' })).rejects.toMatchObject({
      name: 'OrderStatusConflict',
      message: 'Order order-1 is DISPATCHED: a void or a refund can only be recorded on a undispatched order',
    });
    expect(provider.void).not.toHaveBeenCalled();
    expect(provider.refund).not.toHaveBeenCalled();
  });

  it('fails with OrderRecordMissing when the order does not exist', async () => {
    await expect(
      voidOrRefundPaymentHandler({
        provider: providerThat({ voided: true, refunded: true }),
        orders: await inMemoryOrdersHolding(),
      })({ orderId: 'no-such-order' }),
    ).rejects.toMatchObject({ name: 'OrderRecordMissing' });
  });
});
