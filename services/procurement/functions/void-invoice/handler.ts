import { requiredEnv } from '@order-platform/lambda';
import { createDocumentClient } from '@order-platform/persistence';
import { buildInvoiceStore } from '../../src/invoice-store';
import { voidInvoiceHandler } from './void-invoice';

export const handler = voidInvoiceHandler({
  invoices: buildInvoiceStore(createDocumentClient(), requiredEnv('INVOICES_TABLE')),
  clock: () => new Date(),
});
