import { SkuSchema } from '@order-platform/domain';
import * as z from 'zod/mini';

// What the workflow passes its step Lambdas, shared so a step and the definition agree once.

/**
 * Steps that need only the order: they read the rest from the order record. The execution's name
 * (`$$.Execution.Name`) is for the logs; executions started before the definition passed it run
 * to their end on that definition, so it stays optional.
 */
export const OrderStepInputSchema = z.object({
  orderId: z.string().check(z.minLength(1)),
  executionName: z.optional(z.string().check(z.minLength(1))),
});

/** Steps that work on the order's lines as the workflow input carries them. */
export const OrderLinesStepInputSchema = z.extend(OrderStepInputSchema, {
  items: z.array(z.object({ sku: SkuSchema, quantity: z.number().check(z.int(), z.positive()) })).check(z.minLength(1)),
});
