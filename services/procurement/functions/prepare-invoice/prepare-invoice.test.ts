import { anOrder, inMemoryOrderRepository } from '@order-platform/domain/testing';
import { inMemoryInvoiceStore } from '../../src/in-memory-invoice-store';
import { recordingLogs } from '@order-platform/lambda/testing';
import { prepareInvoiceHandler } from './prepare-invoice';

const clock = () => new Date('2026-11-21T10:00:00.000Z');

describe('PrepareInvoice step', () => {
  it('invoices the order record and answers the invoice number and total', async () => {
    const orders = inMemoryOrderRepository();
    const invoices = inMemoryInvoiceStore();
    const order = anOrder({ orderId: '4f2a9c1b-7d3e-8a10-b2c4-5e6f7a8b9c0d' });
    await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });

    const result = await prepareInvoiceHandler({ orders, invoices, clock })({ orderId: order.orderId });

    expect(result).toEqual({ invoiceNumber: 'INV-2026-4F2A9C1B7D', total: order.total });
    expect(invoices.invoices.get(order.orderId)).toMatchObject({ status: 'ISSUED', totals: { gross: order.total } });
  });

  it('fails with OrderRecordMissing for an order that does not exist, writing no invoice', async () => {
    const invoices = inMemoryInvoiceStore();

    await expect(
      prepareInvoiceHandler({ orders: inMemoryOrderRepository(), invoices, clock })({ orderId: 'nope' }),
    ).rejects.toMatchObject({ name: 'OrderRecordMissing' });
    expect(invoices.invoices.size).toBe(0);
  });
});

describe('PrepareInvoice racing the compensation', () => {
  it('issues nothing when the order was voided first (a Parallel branch still running after the other failed)', async () => {
    const orders = inMemoryOrderRepository();
    const invoices = inMemoryInvoiceStore();
    const order = anOrder();
    await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
    await invoices.void(order.orderId, clock());

    await expect(prepareInvoiceHandler({ orders, invoices, clock })({ orderId: order.orderId })).rejects.toMatchObject({
      name: 'InvoiceVoided',
    });
    expect(invoices.invoices.get(order.orderId)).toEqual({
      orderId: order.orderId,
      status: 'VOID',
      voidedAt: clock().toISOString(),
    });
  });
});

describe('PrepareInvoice and a cancellation', () => {
  it('issues no invoice for an order asked to be cancelled: OrderCancellationRequested', async () => {
    const orders = inMemoryOrderRepository();
    const invoices = inMemoryInvoiceStore();
    const order = anOrder({ status: 'PAYMENT_CONFIRMED' });
    await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });
    await orders.requestCancellation(order.orderId, { requestedAt: clock().toISOString(), requestedBy: 'customer' });

    const pause = jest.fn(async () => false);

    await expect(
      prepareInvoiceHandler({ orders, invoices, clock, pause })({ orderId: order.orderId }),
    ).rejects.toMatchObject({
      name: 'OrderCancellationRequested',
      message: expect.stringContaining(': PrepareInvoice did nothing'),
    });
    expect(invoices.invoices.size).toBe(0);
    expect(pause).toHaveBeenCalledWith('PrepareInvoice', expect.objectContaining({ orderId: order.orderId }));
  });

  it('logs the number of the invoice it prepared', async () => {
    const orders = inMemoryOrderRepository();
    const logs = recordingLogs();
    const order = anOrder({ orderId: '4f2a9c1b-7d3e-8a10-b2c4-5e6f7a8b9c0d' });
    await orders.insert({ order, paymentToken: 'tok_visa', requestFingerprint: 'fp' });

    await prepareInvoiceHandler({ orders, invoices: inMemoryInvoiceStore(), clock, ...logs })({
      orderId: order.orderId,
    });

    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'Invoice prepared', invoiceNumber: 'INV-2026-4F2A9C1B7D' }),
    );
  });
});
