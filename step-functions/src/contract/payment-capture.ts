import * as z from 'zod/mini';
import { orderItemsStepInputShape } from './order-items-step';
import { ShipmentSchema } from './shipment';

// CapturePayment, the happy path's last step.

/**
 * CapturePayment: the items whose stock it commits, and the parcel BookShipment booked, which it
 * records with the capture when it marks the order DISPATCHED.
 */
export const CapturePaymentInputSchema = z.strictObject({ ...orderItemsStepInputShape, shipment: ShipmentSchema });
