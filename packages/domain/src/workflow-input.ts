import type { Order } from './response-schemas';

/** What the order workflow receives. The payment token stays in the order record, out of history. */
export interface WorkflowInput {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: readonly { readonly sku: string; readonly quantity: number }[];
  readonly total: Order['total'];
  readonly shippingMethod: Order['shippingMethod'];
  readonly shippingAddress: Order['shippingAddress'];
  readonly createdAt: string;
}

/**
 * Built field by field so that the JSON is byte-identical whether the order was just written or
 * read back from DynamoDB (which returns attributes in any order): StartExecution is idempotent
 * only for the same name *and* the same input.
 */
export const workflowInputFor = (order: Order): WorkflowInput => ({
  orderId: order.orderId,
  customerId: order.customerId,
  items: order.items.map((line) => ({ sku: line.sku, quantity: line.quantity })),
  total: { amount: order.total.amount, currency: order.total.currency },
  shippingMethod: order.shippingMethod,
  shippingAddress: {
    name: order.shippingAddress.name,
    line1: order.shippingAddress.line1,
    ...(order.shippingAddress.line2 === undefined ? {} : { line2: order.shippingAddress.line2 }),
    city: order.shippingAddress.city,
    postalCode: order.shippingAddress.postalCode,
    country: order.shippingAddress.country,
  },
  createdAt: order.createdAt,
});
