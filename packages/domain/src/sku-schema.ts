import * as z from 'zod/mini';

// Validated in an order request and in the workflow steps that work on order lines (see the
// module comment of ./schemas).
export const SkuSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1–64 letters, digits, "-" or "_"'))
  .register(z.globalRegistry, { example: 'KB-001' });
