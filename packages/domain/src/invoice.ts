import type { Money } from './money';
import type { Address } from './address-schema';
import type { Order } from './order';

/**
 * Standard VAT rates (percent) by destination. Catalog prices include VAT; an invoice splits each
 * line into net and tax. Destinations outside these are exports, invoiced at 0%.
 */
export const VAT_RATES_PERCENT: Readonly<Record<string, number>> = {
  AT: 20,
  BE: 21,
  DE: 19,
  DK: 25,
  ES: 21,
  FI: 25.5,
  FR: 20,
  GB: 20,
  IE: 23,
  IT: 22,
  NL: 21,
  PL: 23,
  PT: 23,
  SE: 25,
};

export interface InvoiceLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly net: Money;
  readonly tax: Money;
  readonly gross: Money;
}

export interface Invoice {
  readonly invoiceNumber: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly status: 'ISSUED' | 'VOID';
  readonly vatRatePercent: number;
  readonly lines: readonly InvoiceLine[];
  readonly totals: { readonly net: Money; readonly tax: Money; readonly gross: Money };
  readonly billTo: Address;
  readonly issuedAt: string;
  readonly voidedAt?: string;
}

/** One number per order, so preparing the invoice again can only find the same one. */
export const invoiceNumberFor = (orderId: string, issuedAt: Date): string =>
  `INV-${issuedAt.getUTCFullYear()}-${orderId.replaceAll('-', '').slice(0, 10).toUpperCase()}`;

const splitGross = (gross: number, ratePercent: number) => {
  // Integer minor units: net is rounded half up, tax is the rest, so net + tax is always gross.
  const net = Math.round((gross * 100) / (100 + ratePercent));
  return { net, tax: gross - net };
};

export const buildInvoice = (order: Order, issuedAt: Date): Invoice => {
  const currency = order.total.currency;
  const vatRatePercent = VAT_RATES_PERCENT[order.shippingAddress.country] ?? 0;
  const lines = order.items.map((line): InvoiceLine => {
    const gross = line.unitPrice.amount * line.quantity;
    const { net, tax } = splitGross(gross, vatRatePercent);
    return {
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      net: { amount: net, currency },
      tax: { amount: tax, currency },
      gross: { amount: gross, currency },
    };
  });
  const total = (pick: (line: InvoiceLine) => Money): Money => ({
    amount: lines.reduce((sum, line) => sum + pick(line).amount, 0),
    currency,
  });
  return {
    invoiceNumber: invoiceNumberFor(order.orderId, issuedAt),
    orderId: order.orderId,
    customerId: order.customerId,
    status: 'ISSUED',
    vatRatePercent,
    lines,
    totals: { net: total((l) => l.net), tax: total((l) => l.tax), gross: total((l) => l.gross) },
    billTo: order.shippingAddress,
    issuedAt: issuedAt.toISOString(),
  };
};
