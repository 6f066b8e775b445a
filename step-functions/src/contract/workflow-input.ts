import { AddressSchema, ShippingMethodSchema } from '@order-platform/domain';
import * as z from 'zod/mini';
import { OrderItemSchema } from './order-items-step';

/**
 * What an execution starts with: the order, and what its states pass on to the steps, nothing
 * else (the definition test holds every field to a state that reads it). The payment token stays
 * in the order record, out of the execution history.
 */
export const WorkflowInputSchema = z.strictObject({
  orderId: z.string().check(z.minLength(1)),
  items: z.array(OrderItemSchema).check(z.minLength(1)),
  shippingMethod: ShippingMethodSchema,
  shippingAddress: AddressSchema,
});
export type WorkflowInput = z.infer<typeof WorkflowInputSchema>;
