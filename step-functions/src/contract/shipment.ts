import { ShippingMethodSchema } from '@order-platform/domain';
import * as z from 'zod/mini';

// What BookShipment answers and CapturePayment takes, in a module of its own: neither step's
// bundle builds the other's input.

/** The parcel the carrier booked. */
export const ShipmentSchema = z.object({
  carrier: z.string(),
  serviceLevel: ShippingMethodSchema,
  trackingNumber: z.string(),
});
export type Shipment = z.infer<typeof ShipmentSchema>;
