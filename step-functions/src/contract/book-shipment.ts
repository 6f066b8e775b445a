import { AddressSchema, ShippingMethodSchema } from '@order-platform/domain';
import * as z from 'zod/mini';
import { OrderItemsStepInputSchema } from './order-steps';

/**
 * BookShipment: the items to commit, where and how to ship them (the order's own
 * `shippingMethod` and `shippingAddress`), and the invoice ProcureOrder prepared, which it records.
 */
export const BookShipmentInputSchema = z.extend(OrderItemsStepInputSchema, {
  shippingMethod: ShippingMethodSchema,
  shippingAddress: AddressSchema,
  invoiceNumber: z.string().check(z.minLength(1)),
});

/** The parcel the carrier booked. */
export const ShipmentSchema = z.object({
  carrier: z.string(),
  serviceLevel: ShippingMethodSchema,
  trackingNumber: z.string(),
});
export type Shipment = z.infer<typeof ShipmentSchema>;
