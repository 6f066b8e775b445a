import type { Clock } from '@order-platform/domain';
import { OrderStepInputSchema, stepHandler } from '@order-platform/lambda';
import type { InvoiceStore } from '../../src/ports';

/** VoidInvoice (compensation): the order will not be delivered, so its invoice is voided. */
export const voidInvoiceHandler = (deps: { invoices: InvoiceStore; clock: Clock }) =>
  stepHandler(OrderStepInputSchema, async ({ orderId }) => ({
    invoice: (await deps.invoices.void(orderId, deps.clock())) ? 'VOID' : 'NONE',
  }));
