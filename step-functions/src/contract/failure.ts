import { PAYMENT_STATUSES } from '@order-platform/domain';
import * as z from 'zod/mini';
import { nonEmpty, OrderStepInputSchema } from './order-step';

// MarkOrderFailed, the end of every failure path, and MarkOrderCancelled, the end of a cancellation.

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
