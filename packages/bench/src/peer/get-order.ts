import { buildOrderRepository } from '@order-platform/persistence';
import { OrderNotFoundError } from '@order-platform/domain';
import { customerIdOf, documentClient, logger, peerHandler } from './powertools';

const orders = buildOrderRepository(documentClient, process.env.ORDERS_TABLE as string);

/** GET /orders/{orderId}, the peer's: the same answers as ours for the same order. */
export const handler = peerHandler(async (event) => {
  const customerId = customerIdOf(event);
  const orderId = event.pathParameters?.orderId ?? '';
  logger.appendKeys({ customerId, orderId });
  const stored = orderId.length > 0 && orderId.length <= 128 ? await orders.get(orderId) : undefined;
  if (stored?.order.customerId !== customerId) throw new OrderNotFoundError(orderId);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(stored.order),
  };
});
