import { DependencyUnavailableError, InvalidStepInputError, StepError } from '@order-platform/domain';
import * as z from 'zod';

// Errors the AWS SDK raises once its own retries are spent, and that a later attempt may not meet.
const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

interface AwsSdkErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly $fault?: 'client' | 'server';
}

const isTransientAwsError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { name = '', code = '', $fault } = error as AwsSdkErrorShape;
  return $fault === 'server' || THROTTLING_ERRORS.has(name) || name === 'TimeoutError' || NETWORK_ERROR_CODES.has(code);
};

/**
 * What Step Functions should see for a failure: a step's own error as it is; an AWS dependency
 * that is down or throttling as DependencyUnavailable, which the workflow retries; anything else
 * (a bug, a permission missing) unchanged, which the workflow does not retry.
 */
export const asStepFailure = (error: unknown): unknown => {
  if (error instanceof StepError || !isTransientAwsError(error)) return error;
  const { name, message } = error as Error;
  return new DependencyUnavailableError(`${name}: ${message}`, { cause: error });
};

/**
 * A workflow step's Lambda handler: validates the input the state machine passes (a mismatch
 * between the definition and the handler is InvalidStepInput, never retried), runs the step and
 * reports its failure in the terms the workflow's Retry and Catch use.
 */
export const stepHandler =
  <Schema extends z.ZodType, Result>(input: Schema, run: (input: z.infer<Schema>) => Promise<Result>) =>
  async (event: unknown): Promise<Result> => {
    const parsed = input.safeParse(event);
    if (!parsed.success) throw new InvalidStepInputError(z.prettifyError(parsed.error));
    try {
      return await run(parsed.data);
    } catch (error) {
      const failure = asStepFailure(error);
      const orderId = (parsed.data as { orderId?: unknown }).orderId;
      console.error(
        JSON.stringify({
          level: 'ERROR',
          message: 'Step failed',
          orderId,
          error: failure instanceof Error ? { name: failure.name, message: failure.message } : String(failure),
        }),
      );
      throw failure;
    }
  };
