import { requiredEnv, sandboxStepPause } from '@order-platform/lambda';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { buildInvoiceStore } from '../../src/invoice-store';
import { prepareInvoiceHandler } from './prepare-invoice';

const documentClient = createDocumentClient();

export const handler = prepareInvoiceHandler({
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  invoices: buildInvoiceStore(documentClient, requiredEnv('INVOICES_TABLE')),
  clock: () => new Date(),
  pause: sandboxStepPause(),
});
