import { requiredEnv } from '@order-platform/lambda';
import { orderEventsFromEnvironment } from '@order-platform/lambda/eventbridge';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { markOrderCancelledHandler } from './mark-order-cancelled';

export const handler = markOrderCancelledHandler({
  orders: buildOrderRepository(createDocumentClient(), requiredEnv('ORDERS_TABLE')),
  events: orderEventsFromEnvironment(),
  clock: () => new Date(),
});
