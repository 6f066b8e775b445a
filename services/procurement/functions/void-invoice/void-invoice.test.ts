import { buildInvoice } from '@order-platform/domain';
import { anOrder } from '@order-platform/domain/testing';
import { inMemoryInvoiceStore } from '../../src/in-memory-invoice-store';
import { recordingLogs } from '@order-platform/lambda/testing';
import { voidInvoiceHandler } from './void-invoice';

const clock = () => new Date('2026-11-21T11:00:00.000Z');

describe('VoidInvoice step', () => {
  it("voids the order's invoice", async () => {
    const invoices = inMemoryInvoiceStore();
    const invoice = buildInvoice(anOrder(), new Date('2026-11-21T10:00:00.000Z'));
    await invoices.issue(invoice);

    expect(await voidInvoiceHandler({ invoices, clock })({ orderId: invoice.orderId })).toEqual({ invoice: 'VOID' });
    expect(invoices.invoices.get(invoice.orderId)).toMatchObject({
      status: 'VOID',
      voidedAt: '2026-11-21T11:00:00.000Z',
    });
  });

  it('succeeds with nothing to void when procurement failed before the invoice was written', async () => {
    expect(await voidInvoiceHandler({ invoices: inMemoryInvoiceStore(), clock })({ orderId: 'order-1' })).toEqual({
      invoice: 'NONE',
    });
  });

  it('says in its log whether it voided an invoice', async () => {
    const invoices = inMemoryInvoiceStore();
    const logs = recordingLogs();
    const invoice = buildInvoice(anOrder(), new Date('2026-11-21T10:00:00.000Z'));
    await invoices.issue(invoice);

    await voidInvoiceHandler({ invoices, clock, ...logs })({ orderId: invoice.orderId });
    await voidInvoiceHandler({ invoices, clock, ...logs })({ orderId: 'order-without-invoice' });

    expect(logs.lines.map((line) => line.message)).toEqual(['Invoice voided', 'No invoice to void']);
  });
});
