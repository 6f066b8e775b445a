import { PAYMENT_STATUSES } from '@order-platform/domain';
import * as z from 'zod/mini';
import { MilestoneRecordingSchema } from './milestone-recording';
import { nonEmpty, orderStepInputShape } from './order-step';

// MarkOrderFailed, the end of every failure path.

/**
 * MarkOrderFailed: why the order failed, as the failure path gathered it, and the payment's status
 * after compensation. The cause is Step Functions' (a Lambda error's JSON, an integration's text,
 * or empty): the order keeps it readable.
 */
export const MarkOrderFailedInputSchema = z.strictObject({
  ...orderStepInputShape,
  failure: z.strictObject({
    step: nonEmpty(),
    error: nonEmpty(),
    cause: z.string(),
    paymentStatus: z.enum(PAYMENT_STATUSES),
  }),
});

export const FailureRecordingSchema = MilestoneRecordingSchema;
export type FailureRecording = z.infer<typeof FailureRecordingSchema>;
