import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { requiredEnv } from '@order-platform/lambda';
import { listOrdersHandler } from './list-orders';

export const handler = listOrdersHandler({
  orders: buildOrderRepository(createDocumentClient(), requiredEnv('ORDERS_TABLE')),
});
