import type { Invoice } from '@order-platform/domain';
import type { InvoiceStore, VoidedBeforeIssue } from './ports';

/** A fake InvoiceStore with the real one's contract: one invoice per order, idempotent void. */
export const inMemoryInvoiceStore = (): InvoiceStore & {
  readonly invoices: Map<string, Invoice | VoidedBeforeIssue>;
} => {
  const invoices = new Map<string, Invoice | VoidedBeforeIssue>();
  return {
    invoices,
    async issue(invoice) {
      if (!invoices.has(invoice.orderId)) invoices.set(invoice.orderId, invoice);
      return invoices.get(invoice.orderId) as Invoice | VoidedBeforeIssue;
    },
    async void(orderId, at) {
      const invoice = invoices.get(orderId);
      if (!invoice) {
        invoices.set(orderId, { orderId, status: 'VOID', voidedAt: at.toISOString() });
        return false;
      }
      if (invoice.invoiceNumber === undefined) return false;
      invoices.set(orderId, { ...invoice, status: 'VOID', voidedAt: invoice.voidedAt ?? at.toISOString() });
      return true;
    },
  };
};
