import { AddressSchema, ShippingMethodSchema, type Order } from '@order-platform/domain';
import * as z from 'zod/mini';
import { OrderItemSchema } from './order-step';

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

/**
 * Built field by field so that the JSON is byte-identical whether the order was just written or
 * read back from DynamoDB (which returns attributes in any order): StartExecution is idempotent
 * only for the same name *and* the same input.
 */
export const workflowInputFor = (order: Order): WorkflowInput => ({
  orderId: order.orderId,
  items: order.items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
  shippingMethod: order.shippingMethod,
  shippingAddress: {
    name: order.shippingAddress.name,
    line1: order.shippingAddress.line1,
    ...(order.shippingAddress.line2 === undefined ? {} : { line2: order.shippingAddress.line2 }),
    city: order.shippingAddress.city,
    postalCode: order.shippingAddress.postalCode,
    country: order.shippingAddress.country,
  },
});
