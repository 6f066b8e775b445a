import { OrderNotFoundError, type OrderRepository } from '@order-platform/domain';
import { customerIdOf, httpApiHandler, json } from '@order-platform/http';
import { orderLogKeys, type Logging } from '@order-platform/lambda';

// Longer ids cannot exist, and DynamoDB refuses keys over 2 KB: answer 404, not 500.
const MAX_ORDER_ID_LENGTH = 128;

/** GET /orders/{orderId}: another customer's order is answered exactly like a missing one. */
export const getOrderHandler = (deps: { orders: OrderRepository } & Logging) =>
  httpApiHandler(async (event, logger) => {
    const customerId = customerIdOf(event);
    logger.appendKeys({ customerId });
    const orderId = event.pathParameters?.orderId ?? '';
    const possible = orderId.length > 0 && orderId.length <= MAX_ORDER_ID_LENGTH;
    if (possible) logger.appendKeys(orderLogKeys(orderId));
    const stored = possible ? await deps.orders.get(orderId) : undefined;
    if (stored?.order.customerId !== customerId) throw new OrderNotFoundError(orderId);
    return json(200, stored.order, { 'cache-control': 'no-store' });
  }, deps);
