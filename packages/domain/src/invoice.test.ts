import { buildInvoice, invoiceNumberFor } from './invoice';
import { anOrder } from './testing';

const issuedAt = new Date('2026-11-21T10:00:00.000Z');

describe('buildInvoice', () => {
  it('splits VAT-inclusive prices into net and tax at the destination rate, adding up to the order total', () => {
    const order = anOrder({ shippingAddress: { ...anOrder().shippingAddress, country: 'DE' } });

    const invoice = buildInvoice(order, issuedAt);

    expect(invoice.vatRatePercent).toBe(19);
    // KB-001 8900 EUR gross → 7479 net + 1421 tax; 2 × MS-002 5800 gross → 4874 + 926.
    expect(invoice.lines.map((l) => [l.sku, l.net.amount, l.tax.amount, l.gross.amount])).toEqual([
      ['KB-001', 7479, 1421, 8900],
      ['MS-002', 4874, 926, 5800],
    ]);
    expect(invoice.totals).toEqual({
      net: { amount: 12353, currency: 'EUR' },
      tax: { amount: 2347, currency: 'EUR' },
      gross: order.total,
    });
    expect(invoice).toMatchObject({ orderId: order.orderId, status: 'ISSUED', issuedAt: issuedAt.toISOString() });
  });

  it('invoices exports outside the VAT table at 0%', () => {
    const order = anOrder({ shippingAddress: { ...anOrder().shippingAddress, country: 'US' } });

    const invoice = buildInvoice(order, issuedAt);

    expect(invoice.vatRatePercent).toBe(0);
    expect(invoice.totals.tax.amount).toBe(0);
    expect(invoice.totals.net).toEqual(order.total);
  });
});

describe('invoiceNumberFor', () => {
  it('derives one number per order and year, so a retried step finds the same invoice', () => {
    const orderId = '4f2a9c1b-7d3e-8a10-b2c4-5e6f7a8b9c0d';

    expect(invoiceNumberFor(orderId, issuedAt)).toBe('INV-2026-4F2A9C1B7D');
    expect(invoiceNumberFor(orderId, issuedAt)).toBe(invoiceNumberFor(orderId, new Date('2026-12-01T00:00:00Z')));
  });
});
