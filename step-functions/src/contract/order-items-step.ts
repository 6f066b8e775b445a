import { SkuSchema } from '@order-platform/domain';
import * as z from 'zod/mini';
import { orderStepInputShape } from './order-step';

// The order's items, as the workflow input carries them, in a module of their own: only the
// steps that work on stock take them (ReserveStock, ReleaseStock, CapturePayment).

export const OrderItemSchema = z.strictObject({ sku: SkuSchema, quantity: z.number().check(z.int(), z.positive()) });

export const orderItemsStepInputShape = {
  ...orderStepInputShape,
  items: z.array(OrderItemSchema).check(z.minLength(1)),
};

/** ReserveStock: the order's items. */
export const OrderItemsStepInputSchema = z.strictObject(orderItemsStepInputShape);
