import { ORDER_STATUSES } from '@order-platform/domain';
import * as z from 'zod/mini';
import { nonEmpty } from './order-step';

// ConfirmPayment's, VoidOrRefundPayment's and CapturePayment's answers. No step validates an
// answer: their bundles do not include this module.

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

/**
 * VoidOrRefundPayment (compensation): the payment status the order ends with. VOIDED: the hold was
 * released and nothing was taken; REFUNDED: the money had been taken and was given back; FAILED:
 * no hold was ever recorded, so nothing was held or taken.
 */
export const PaymentReleaseSchema = z.enum(['VOIDED', 'REFUNDED', 'FAILED']);
export type PaymentRelease = z.infer<typeof PaymentReleaseSchema>;

/** CapturePayment: the provider's reference for the money taken. */
export const PaymentCaptureSchema = z.object({ captureId: nonEmpty() });
export type PaymentCapture = z.infer<typeof PaymentCaptureSchema>;
