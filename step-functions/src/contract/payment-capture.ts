import * as z from 'zod/mini';
import { orderItemsStepInputShape } from './order-items-step';
import { nonEmpty } from './order-step';
import { ShipmentSchema } from './shipment';

// CapturePayment, the happy path's last step.

/**
 * CapturePayment: the items whose stock it commits, and the parcel BookShipment booked, which it
 * records with the capture when it marks the order DISPATCHED.
 */
export const CapturePaymentInputSchema = z.strictObject({ ...orderItemsStepInputShape, shipment: ShipmentSchema });

/** CapturePayment: the provider's reference for the money taken. */
export const PaymentCaptureSchema = z.object({ captureId: nonEmpty() });
export type PaymentCapture = z.infer<typeof PaymentCaptureSchema>;
