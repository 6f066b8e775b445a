import { ListOrdersQuerySchema } from '@order-platform/api/list-orders-query';
import { parseOrThrow, type OrderRepository } from '@order-platform/domain';
import { customerIdOf, httpApiHandler, json } from '@order-platform/http';
import type { Logging } from '@order-platform/lambda';

/** GET /orders?limit=&cursor=: the caller's orders, newest first, one page per request. */
export const listOrdersHandler = (deps: { orders: OrderRepository } & Logging) =>
  httpApiHandler(async (event, logger) => {
    const customerId = customerIdOf(event);
    logger.appendKeys({ customerId });
    const { limit, cursor } = parseOrThrow(ListOrdersQuerySchema, event.queryStringParameters ?? {});
    const page = await deps.orders.listByCustomer(customerId, { limit, cursor });
    return json(200, page, { 'cache-control': 'no-store' });
  }, deps);
