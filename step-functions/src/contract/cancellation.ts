import { PAYMENT_STATUSES } from '@order-platform/domain';
import * as z from 'zod/mini';
import { MilestoneRecordingSchema } from './milestone-recording';
import { orderStepInputShape } from './order-step';

// MarkOrderCancelled, the end of a cancellation.

/**
 * MarkOrderCancelled: the cancellation path's end, once compensation has run without a failure:
 * the payment's status after the hold was released or the money given back.
 */
export const MarkOrderCancelledInputSchema = z.strictObject({
  ...orderStepInputShape,
  paymentStatus: z.enum(PAYMENT_STATUSES),
});

export const CancellationRecordingSchema = MilestoneRecordingSchema;
export type CancellationRecording = z.infer<typeof CancellationRecordingSchema>;
