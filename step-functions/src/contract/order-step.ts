import * as z from 'zod/mini';

// What every step takes: the order and its execution.

export const nonEmpty = () => z.string().check(z.minLength(1));

/**
 * Every step gets the order, and the execution's name (`$$.Execution.Name`) for its log lines;
 * executions started before the definition passed it run to their end on that definition, so
 * it stays optional. The fields, shared by every step's schema (the same schemas, built once):
 * a step's input spreads them rather than extending this object, so that a bundle whose step
 * never validates the bare order builds no schema for it.
 */
export const orderStepInputShape = {
  orderId: nonEmpty(),
  executionName: z.optional(nonEmpty()),
};

export const OrderStepInputSchema = z.strictObject(orderStepInputShape);
