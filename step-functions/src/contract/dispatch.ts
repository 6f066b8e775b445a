import { AddressSchema, ShippingMethodSchema } from '@order-platform/domain';
import * as z from 'zod/mini';
import { nonEmpty, orderStepInputShape } from './order-step';

// BookShipment, the happy path's last step but one.

/**
 * BookShipment: where and how to ship (the order's own `shippingMethod` and `shippingAddress`),
 * and the invoice ProcureOrder prepared, which it records.
 */
export const BookShipmentInputSchema = z.strictObject({
  ...orderStepInputShape,
  shippingMethod: ShippingMethodSchema,
  shippingAddress: AddressSchema,
  invoiceNumber: nonEmpty(),
});
