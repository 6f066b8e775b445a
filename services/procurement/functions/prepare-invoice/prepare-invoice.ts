import {
  buildInvoice,
  InvoiceVoidedError,
  OrderRecordMissingError,
  stopIfCancellationRequested,
  type Clock,
  type OrderRepository,
} from '@order-platform/domain';
import { readOrderAt, stepHandler, type Logging, type StepPause } from '@order-platform/lambda';
import { OrderStepInputSchema, type PreparedInvoice } from '@order-platform/workflow';
import type { InvoiceStore } from '../../src/ports';

/**
 * PrepareInvoice: builds the invoice from the order record (priced lines, VAT by destination)
 * and stores it once; a retry answers the invoice already stored. An order asked to be cancelled
 * gets none: OrderCancellationRequested.
 */
export const prepareInvoiceHandler = (
  deps: { orders: OrderRepository; invoices: InvoiceStore; clock: Clock; pause?: StepPause } & Logging,
) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<PreparedInvoice> => {
      const stored = await readOrderAt('PrepareInvoice', () => deps.orders.get(orderId), deps.pause);
      if (!stored) throw new OrderRecordMissingError(orderId);
      stopIfCancellationRequested(stored.order, 'PrepareInvoice');
      const invoice = await deps.invoices.issue(buildInvoice(stored.order, deps.clock()));
      if (invoice.invoiceNumber === undefined) throw new InvoiceVoidedError(orderId);
      logger.info('Invoice prepared', { invoiceNumber: invoice.invoiceNumber });
      return { invoiceNumber: invoice.invoiceNumber, total: invoice.totals.gross };
    },
    deps,
  );
