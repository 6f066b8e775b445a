import { requiredEnv } from '@order-platform/lambda';
import { orderEventsFromEnvironment } from '@order-platform/lambda/eventbridge';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { markOrderFailedHandler } from './mark-order-failed';

export const handler = markOrderFailedHandler({
  orders: buildOrderRepository(createDocumentClient(), requiredEnv('ORDERS_TABLE')),
  events: orderEventsFromEnvironment(),
  clock: () => new Date(),
});
