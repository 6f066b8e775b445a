import { DependencyUnavailableError, describeIssues, InvalidStepInputError, StepError } from '@order-platform/domain';
import type * as z from 'zod/mini';
import { invocationLogger, type InvocationContext, type Logger, type Logging } from './logger';

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

/** What every step's input carries: the order, and the execution that runs it. */
interface StepInput {
  readonly orderId: string;
  readonly executionName?: string | undefined;
}

const stepLogKeysOf = (event: unknown) => {
  const { orderId, executionName } = (typeof event === 'object' && event !== null ? event : {}) as Record<
    string,
    unknown
  >;
  return { orderId, executionName };
};

/**
 * A workflow step's Lambda handler: validates the input the state machine passes (a mismatch
 * between the definition and the handler is InvalidStepInput, never retried), runs the step and
 * reports its failure in the terms the workflow's Retry and Catch use. Every line the step logs
 * carries the order and the execution.
 */
export const stepHandler =
  <Schema extends z.ZodMiniType<StepInput>, Result>(
    input: Schema,
    run: (input: z.infer<Schema>, logger: Logger) => Promise<Result>,
    { loggerFor = invocationLogger() }: Logging = {},
  ) =>
  async (event: unknown, context: InvocationContext = {}): Promise<Result> => {
    const logger = loggerFor(context);
    // Taken before validation, so that even a refused input names its order.
    logger.appendKeys(stepLogKeysOf(event));
    const parsed = input.safeParse(event);
    if (!parsed.success) {
      const refused = new InvalidStepInputError(describeIssues(parsed.error));
      logger.error('Step input refused', { error: refused });
      throw refused;
    }
    try {
      return await run(parsed.data, logger);
    } catch (error) {
      const failure = asStepFailure(error);
      logger.error('Step failed', { error: failure });
      throw failure;
    }
  };
