import * as z from 'zod/mini';
import { orderItemsStepInputShape } from './order-items-step';
import { nonEmpty } from './order-step';

// ReleaseStock's input, in a module of its own: its bundle builds no other step's schema.

/**
 * ReleaseStock, the first step of every compensation: the order's items, and the step that failed
 * with its error, which it marks on the order before it gives anything back (optional: executions
 * of an earlier definition do not pass it).
 */
export const ReleaseStockInputSchema = z.strictObject({
  ...orderItemsStepInputShape,
  failed: z.optional(z.strictObject({ step: nonEmpty(), error: nonEmpty() })),
});
