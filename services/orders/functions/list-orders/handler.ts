import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { requiredEnv } from '../../src/environment';
import { listOrdersHandler } from './list-orders';

export const handler = listOrdersHandler({
  orders: buildOrderRepository(createDocumentClient(), requiredEnv('ORDERS_TABLE')),
});
