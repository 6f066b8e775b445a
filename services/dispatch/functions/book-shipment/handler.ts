import { requiredEnv } from '@order-platform/lambda';
import { buildStockLedger, createDocumentClient } from '@order-platform/persistence';
import { sandboxCarrierNetwork } from '../../src/sandbox-carriers';
import { bookShipmentHandler } from './book-shipment';

export const handler = bookShipmentHandler({
  carriers: sandboxCarrierNetwork(),
  stock: buildStockLedger(createDocumentClient(), requiredEnv('CATALOG_TABLE')),
});
