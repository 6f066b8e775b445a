import { requiredEnv } from '@order-platform/lambda';
import { buildOrderRepository, buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { sandboxCarrierNetwork } from '../../src/sandbox-carriers';
import { bookShipmentHandler } from './book-shipment';

const documentClient = createDocumentClient();

export const handler = bookShipmentHandler({
  carriers: sandboxCarrierNetwork(),
  stock: buildStockLedger(documentClient, requiredEnv('CATALOG_TABLE')),
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  clock: () => new Date(),
});
