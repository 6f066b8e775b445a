import * as z from 'zod/mini';
import { nonEmpty } from './order-step';

// What ProcureOrder's steps (ReserveStock, PrepareInvoice) and their compensations (ReleaseStock,
// VoidInvoice) answer. No step validates an answer: their bundles do not include this module.

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
