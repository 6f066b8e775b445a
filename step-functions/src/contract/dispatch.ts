import { AddressSchema, ShippingMethodSchema } from '@order-platform/domain';
import * as z from 'zod/mini';
import { nonEmpty, OrderItemsStepInputSchema, OrderStepInputSchema } from './order-step';

// BookShipment and CapturePayment, the happy path's last steps.

/**
 * BookShipment: where and how to ship (the order's own `shippingMethod` and `shippingAddress`),
 * and the invoice ProcureOrder prepared, which it records.
 */
export const BookShipmentInputSchema = z.extend(OrderStepInputSchema, {
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

/**
 * CapturePayment: the items whose stock it commits, and the parcel BookShipment booked, which it
 * records with the capture when it marks the order DISPATCHED.
 */
export const CapturePaymentInputSchema = z.extend(OrderItemsStepInputSchema, { shipment: ShipmentSchema });

/** CapturePayment: the provider's reference for the money taken. */
export const PaymentCaptureSchema = z.object({ captureId: nonEmpty() });
export type PaymentCapture = z.infer<typeof PaymentCaptureSchema>;
