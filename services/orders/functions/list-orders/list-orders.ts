import { parseOrThrow, type OrderRepository } from '@order-platform/domain';
import { customerIdOf, httpApiHandler, json } from '@order-platform/http';
import type { Logging } from '@order-platform/lambda';
import * as z from 'zod/mini';

export const ListOrdersQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

/** GET /orders?limit=&cursor=: the caller's orders, newest first, one page per request. */
export const listOrdersHandler = (deps: { orders: OrderRepository } & Logging) =>
  httpApiHandler(async (event, logger) => {
    const customerId = customerIdOf(event);
    logger.appendKeys({ customerId });
    const { limit, cursor } = parseOrThrow(ListOrdersQuerySchema, event.queryStringParameters ?? {});
    const page = await deps.orders.listByCustomer(customerId, { limit, cursor });
    return json(200, page, { 'cache-control': 'no-store' });
  }, deps);
