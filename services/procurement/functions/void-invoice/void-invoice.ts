import type { Clock } from '@order-platform/domain';
import { stepHandler, type Logging } from '@order-platform/lambda';
import { OrderStepInputSchema, type InvoiceVoiding } from '@order-platform/workflow';
import type { InvoiceStore } from '../../src/ports';

/** VoidInvoice (compensation): the order will not be delivered, so its invoice is voided. */
export const voidInvoiceHandler = (deps: { invoices: InvoiceStore; clock: Clock } & Logging) =>
  stepHandler(
    OrderStepInputSchema,
    async ({ orderId }, logger): Promise<InvoiceVoiding> => {
      const voided = await deps.invoices.void(orderId, deps.clock());
      logger.info(voided ? 'Invoice voided' : 'No invoice to void');
      return { invoice: voided ? 'VOID' : 'NONE' };
    },
    deps,
  );
