import * as z from 'zod/mini';

/**
 * POST /orders/{orderId}/cancel: the order's id as the 202 of POST /orders gave it, a UUID. Any
 * other text cannot name an order, so it is a 400 before anything is read or written.
 */
export const OrderIdSchema = z
  .string()
  .check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Must be an order id (a UUID)'));

/** The route's path parameters, so that a refusal names `/orderId`. */
export const CancelOrderPathSchema = z.object({ orderId: OrderIdSchema });
