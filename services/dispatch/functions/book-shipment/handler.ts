import { requiredEnv, sandboxStepPause } from '@order-platform/lambda';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { sandboxCarrierNetwork } from '../../src/sandbox-carriers';
import { bookShipmentHandler } from './book-shipment';

const documentClient = createDocumentClient();

export const handler = bookShipmentHandler({
  carriers: sandboxCarrierNetwork(),
  orders: buildOrderRepository(documentClient, requiredEnv('ORDERS_TABLE')),
  clock: () => new Date(),
  pause: sandboxStepPause(),
});
