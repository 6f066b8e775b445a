import { ListOrdersQuerySchema, parseOrThrow, type OrderRepository } from '@order-platform/domain';
import { customerIdOf, httpApiHandler, json } from '@order-platform/http';

/** GET /orders?limit=&cursor=: the caller's orders, newest first, one page per request. */
export const listOrdersHandler = (deps: { orders: OrderRepository }) =>
  httpApiHandler(async (event) => {
    const customerId = customerIdOf(event);
    const { limit, cursor } = parseOrThrow(ListOrdersQuerySchema, event.queryStringParameters ?? {});
    const page = await deps.orders.listByCustomer(customerId, { limit, cursor });
    return json(200, page, { 'cache-control': 'no-store' });
  });
