import { requiredEnv } from '@order-platform/lambda';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { cancelOrderHandler } from './cancel-order';

export const handler = cancelOrderHandler({
  orders: buildOrderRepository(createDocumentClient(), requiredEnv('ORDERS_TABLE')),
  clock: () => new Date(),
});
