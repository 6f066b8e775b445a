import {
  AddressSchema,
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  ShippingMethodSchema,
  SkuSchema,
  type Order,
} from '@order-platform/domain';
import * as z from 'zod/mini';

// The contract between the workflow's states and its step Lambdas: what an execution starts
// with, what each step takes and answers. The handlers validate their input with these schemas;
// workflow-contract.test.ts holds every state's Parameters and ResultSelector to them (steps.ts),
// so the ASL and the handlers cannot drift. The steps read everything else from the order record.

const nonEmpty = () => z.string().check(z.minLength(1));

/**
 * Every step gets the order, and the execution's name (`$$.Execution.Name`) for its log lines;
 * executions started before the definition passed it run to their end on that definition, so
 * it stays optional.
 */
export const OrderStepInputSchema = z.strictObject({
  orderId: nonEmpty(),
  executionName: z.optional(nonEmpty()),
});

export const OrderItemSchema = z.strictObject({ sku: SkuSchema, quantity: z.number().check(z.int(), z.positive()) });

/** ReserveStock and ReleaseStock: the order's items, as the workflow input carries them. */
export const OrderItemsStepInputSchema = z.extend(OrderStepInputSchema, {
  items: z.array(OrderItemSchema).check(z.minLength(1)),
});

/**
 * ConfirmPayment: the provider's answer to the hold (declined is an answer, not an error), or
 * SETTLED when the order was already DISPATCHED or FAILED before this run: there is nothing left
 * for it to do.
 */
export const PaymentOutcomeSchema = z.union([
  z.object({ outcome: z.literal('AUTHORIZED'), authorizationId: nonEmpty() }),
  z.object({ outcome: z.literal('DECLINED'), reason: z.string() }),
  z.object({ outcome: z.literal('SETTLED'), status: z.enum(ORDER_STATUSES) }),
]);
export type PaymentOutcome = z.infer<typeof PaymentOutcomeSchema>;

/** ReserveStock: running out is an answer (IsStockReserved routes on it), not an error. */
export const StockReservationSchema = z.union([
  z.object({ outcome: z.literal('RESERVED'), reservedItems: z.number() }),
  z.object({
    outcome: z.literal('OUT_OF_STOCK'),
    /** Why, for the order's failure and the customer: the items short and what was left. */
    reason: z.string(),
    shortages: z.array(z.object({ sku: z.string(), requested: z.number(), available: z.number() })),
  }),
]);
export type StockReservation = z.infer<typeof StockReservationSchema>;

/** PrepareInvoice: the invoice BookShipment records on the order. */
export const PreparedInvoiceSchema = z.object({
  invoiceNumber: nonEmpty(),
  total: z.object({ amount: z.number(), currency: z.string() }),
});
export type PreparedInvoice = z.infer<typeof PreparedInvoiceSchema>;

/**
 * ReleaseStock, the first step of every compensation: the order's items, and the step that failed
 * with its error, which it marks on the order before it gives anything back (optional: executions
 * of an earlier definition do not pass it).
 */
export const ReleaseStockInputSchema = z.extend(OrderItemsStepInputSchema, {
  failed: z.optional(z.strictObject({ step: nonEmpty(), error: nonEmpty() })),
});

/** ReleaseStock (compensation). */
export const StockReleaseSchema = z.object({ releasedItems: z.number() });
export type StockRelease = z.infer<typeof StockReleaseSchema>;

/** VoidInvoice (compensation): VOID, or NONE when no invoice was issued. */
export const InvoiceVoidingSchema = z.object({ invoice: z.enum(['VOID', 'NONE']) });
export type InvoiceVoiding = z.infer<typeof InvoiceVoidingSchema>;

/**
 * VoidOrRefundPayment (compensation): the payment status the order ends with. VOIDED: the hold was
 * released and nothing was taken; REFUNDED: the money had been taken and was given back; FAILED:
 * no hold was ever recorded, so nothing was held or taken.
 */
export const PaymentReleaseSchema = z.enum(['VOIDED', 'REFUNDED', 'FAILED']);
export type PaymentRelease = z.infer<typeof PaymentReleaseSchema>;

/**
 * MarkOrderFailed: why the order failed, as the failure path gathered it, and the payment's status
 * after compensation. The cause is Step Functions' (a Lambda error's JSON, an integration's text,
 * or empty): the order keeps it readable.
 */
export const MarkOrderFailedInputSchema = z.extend(OrderStepInputSchema, {
  failure: z.strictObject({
    step: nonEmpty(),
    error: nonEmpty(),
    cause: z.string(),
    paymentStatus: z.enum(PAYMENT_STATUSES),
  }),
});

/** Recorded by this attempt, or already by an earlier one. */
export const FailureRecordingSchema = z.object({ milestone: z.enum(['recorded', 'alreadyRecorded']) });
export type FailureRecording = z.infer<typeof FailureRecordingSchema>;

/**
 * MarkOrderCancelled: the cancellation path's end, once compensation has run without a failure:
 * the payment's status after the hold was released or the money given back.
 */
export const MarkOrderCancelledInputSchema = z.extend(OrderStepInputSchema, {
  paymentStatus: z.enum(PAYMENT_STATUSES),
});

/** Recorded by this attempt, or already by an earlier one. */
export const CancellationRecordingSchema = FailureRecordingSchema;
export type CancellationRecording = FailureRecording;

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
