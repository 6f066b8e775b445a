import * as z from 'zod/mini';

/** GET /orders: one page of the caller's orders, newest first. */
export const ListOrdersQuerySchema = z.strictObject({
  limit: z
    ._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20)
    .register(z.globalRegistry, { description: 'Orders per page' }),
  cursor: z
    .optional(z.string().check(z.minLength(1), z.maxLength(2048)))
    .register(z.globalRegistry, { description: '`nextCursor` of the previous page' }),
});
