import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { requiredEnv } from '@order-platform/lambda';
import { getOrderHandler } from './get-order';

export const handler = getOrderHandler({
  orders: buildOrderRepository(createDocumentClient(), requiredEnv('ORDERS_TABLE')),
});
