import * as z from 'zod/mini';

// What MarkOrderFailed and MarkOrderCancelled answer, in a module of its own: esbuild keeps every
// schema of a module a bundle includes, and no step validates this answer.

/** Recorded by this attempt, or already by an earlier one. */
export const MilestoneRecordingSchema = z.object({ milestone: z.enum(['recorded', 'alreadyRecorded']) });
