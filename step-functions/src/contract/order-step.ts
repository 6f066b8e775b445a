import { SkuSchema } from '@order-platform/domain';
import * as z from 'zod/mini';

// What every step takes: the order and its execution, and the order's items.

export const nonEmpty = () => z.string().check(z.minLength(1));

/**
 * Every step gets the order, and the execution's name (`$$.Execution.Name`) for its log lines;
 * executions started before the definition passed it run to their end on that definition, so
 * it stays optional.
 */
export const OrderStepInputSchema = z.strictObject({
  orderId: nonEmpty(),
  executionName: z.optional(nonEmpty()),
});

export const OrderItemSchema = z.strictObject({ sku: SkuSchema, quantity: z.number().check(z.int(), z.positive()) });

/** ReserveStock and ReleaseStock: the order's items, as the workflow input carries them. */
export const OrderItemsStepInputSchema = z.extend(OrderStepInputSchema, {
  items: z.array(OrderItemSchema).check(z.minLength(1)),
});
