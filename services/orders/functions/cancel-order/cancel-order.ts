import { CancelOrderPathSchema } from '@order-platform/api/cancel-order-path';
import { parseOrThrow, type Clock, type OrderRepository } from '@order-platform/domain';
import { customerIdOf, hasScope, httpApiHandler, json } from '@order-platform/http';
import { orderLogKeys, type Logging } from '@order-platform/lambda';
import { OPS_SCOPE } from '@order-platform/ops';
import { requestCancellation } from './request-cancellation';

/**
 * POST /orders/{orderId}/cancel: 202 with the order and its cancellation request while it has not
 * been handed to the carrier (again 202 once asked: repeating is harmless); 409 after; 404 for
 * another customer's order (ops, with their scope, may cancel any); 400 for an id that is no
 * order id.
 */
export const cancelOrderHandler = (
  deps: { orders: Pick<OrderRepository, 'get' | 'requestCancellation'>; clock: Clock } & Logging,
) =>
  httpApiHandler(async (event, logger) => {
    const customerId = customerIdOf(event);
    const ops = hasScope(event, OPS_SCOPE);
    logger.appendKeys({ customerId, ...(ops ? { operator: customerId } : {}) });
    const { orderId } = parseOrThrow(CancelOrderPathSchema, { orderId: event.pathParameters?.orderId ?? '' });
    logger.appendKeys(orderLogKeys(orderId));
    const order = await requestCancellation(deps, { orderId, caller: { customerId, ops } });
    logger.info('Cancellation requested', { status: order.status });
    return json(202, order, { location: `/orders/${orderId}`, 'cache-control': 'no-store' });
  }, deps);
