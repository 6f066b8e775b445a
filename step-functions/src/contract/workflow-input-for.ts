import type { Order } from '@order-platform/domain';
import type { WorkflowInput } from './workflow-input';

// Apart from WorkflowInputSchema: createOrder and the reconciler build the input, they never
// validate it, so their bundles need not build the schema (and its address and country enum).

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
