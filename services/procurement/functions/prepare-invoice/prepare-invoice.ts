import {
  buildInvoice,
  InvoiceVoidedError,
  OrderRecordMissingError,
  type Clock,
  type OrderRepository,
} from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderStepInputSchema, type PreparedInvoice } from '@order-platform/workflow';
import type { InvoiceStore } from '../../src/ports';

/**
 * PrepareInvoice: builds the invoice from the order record (priced lines, VAT by destination)
 * and stores it once; a retry answers the invoice already stored.
 */
export const prepareInvoiceHandler = (
  deps: { orders: OrderRepository; invoices: InvoiceStore; clock: Clock } & Logging,
) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<PreparedInvoice> => {
      const stored = await deps.orders.get(orderId);
      if (!stored) throw new OrderRecordMissingError(orderId);
      const invoice = await deps.invoices.issue(buildInvoice(stored.order, deps.clock()));
      if (invoice.invoiceNumber === undefined) throw new InvoiceVoidedError(orderId);
      logger.info('Invoice prepared', { invoiceNumber: invoice.invoiceNumber });
      return { invoiceNumber: invoice.invoiceNumber, total: invoice.totals.gross };
    },
    deps,
  );
