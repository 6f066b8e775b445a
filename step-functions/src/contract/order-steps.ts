import { PAYMENT_STATUSES, SkuSchema } from '@order-platform/domain';
import * as z from 'zod/mini';

// What the workflow passes the steps that need only the order, or its items, and what they
// answer. The steps read everything else from the order record. A step bundle builds the schemas
// of the modules it imports: BookShipment's, which validates an address, lives apart.

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

/** ConfirmPayment: the provider's answer. Declined is an answer, not an error. */
export const PaymentOutcomeSchema = z.union([
  z.object({ outcome: z.literal('APPROVED'), chargeId: nonEmpty() }),
  z.object({ outcome: z.literal('DECLINED'), reason: z.string() }),
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

/** ReleaseStock (compensation). */
export const StockReleaseSchema = z.object({ releasedItems: z.number() });
export type StockRelease = z.infer<typeof StockReleaseSchema>;

/** VoidInvoice (compensation): VOID, or NONE when no invoice was issued. */
export const InvoiceVoidingSchema = z.object({ invoice: z.enum(['VOID', 'NONE']) });
export type InvoiceVoiding = z.infer<typeof InvoiceVoidingSchema>;

/** RefundPayment (compensation): the payment status the order ends with. */
export const RefundOutcomeSchema = z.enum(['REFUNDED', 'FAILED']);
export type RefundOutcome = z.infer<typeof RefundOutcomeSchema>;

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
