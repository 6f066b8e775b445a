import { DependencyUnavailableError, OutOfStockError } from '@order-platform/domain';
import * as z from 'zod/mini';
import { asStepFailure, stepHandler } from './step-handler';
import { recordingLogs } from './testing';

const input = z.object({ orderId: z.string(), quantity: z.number().check(z.int()) });

describe('stepHandler', () => {
  const context = { functionName: 'reserveStock', awsRequestId: 'request-1' };

  it('runs the step with its validated input and returns its result', async () => {
    const handler = stepHandler(input, async ({ orderId, quantity }) => ({ orderId, doubled: quantity * 2 }));

    await expect(handler({ orderId: 'o-1', quantity: 2 })).resolves.toEqual({ orderId: 'o-1', doubled: 4 });
  });

  it('rejects input the definition should never send as InvalidStepInput, without running the step', async () => {
    const run = jest.fn();
    const logs = recordingLogs();
    const handler = stepHandler(input, run, logs);

    await expect(handler({ orderId: 'o-1', executionName: 'o-1', quantity: 'two' }, context)).rejects.toMatchObject({
      name: 'InvalidStepInput',
      message: expect.stringContaining('quantity'),
    });
    expect(run).not.toHaveBeenCalled();
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Step input refused',
        orderId: 'o-1',
        executionName: 'o-1',
        error: expect.any(Object),
      }),
    ]);
  });

  it('gives the step a logger whose every line names the order, the execution and the invocation', async () => {
    const logs = recordingLogs();
    const handler = stepHandler(
      input,
      async ({ quantity }, logger) => {
        logger.info('Stock reserved', { quantity });
        logger.warn('Running low');
      },
      logs,
    );

    await handler({ orderId: 'o-1', executionName: 'o-1-execution', quantity: 5 }, context);

    expect(logs.lines).toEqual([
      expect.objectContaining({ message: 'Stock reserved', quantity: 5 }),
      expect.objectContaining({ message: 'Running low', level: 'WARN' }),
    ]);
    for (const line of logs.lines) {
      expect(line).toMatchObject({
        orderId: 'o-1',
        executionName: 'o-1-execution',
        functionName: 'reserveStock',
        requestId: 'request-1',
      });
    }
  });

  it("reports the step's own errors under their names and logs them with the order and the execution", async () => {
    const logs = recordingLogs();
    const handler = stepHandler(
      input,
      async () => {
        throw new OutOfStockError([{ sku: 'LT-006', requested: 5, available: 3 }]);
      },
      logs,
    );

    await expect(handler({ orderId: 'o-1', executionName: 'o-1', quantity: 5 }, context)).rejects.toMatchObject({
      name: 'OutOfStock',
    });
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Step failed',
        orderId: 'o-1',
        executionName: 'o-1',
        error: expect.objectContaining({ name: 'OutOfStock', stack: expect.stringContaining('OutOfStock') }),
      }),
    ]);
  });
});

describe('asStepFailure', () => {
  const awsError = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), { name, ...extra });

  it.each([
    ...[
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
      'TooManyRequestsException',
    ].map((name) => [`a throttled call (${name})`, awsError(name, { $fault: 'client' })] as const),
    ['a 5xx from a service', awsError('InternalServerError', { $fault: 'server' })] as const,
    ['an SDK timeout', awsError('TimeoutError')] as const,
    ...['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'].map(
      (code) => [`a network failure (${code})`, awsError('Error', { code })] as const,
    ),
  ])('turns %s into DependencyUnavailable, which the workflow retries', (_, error) => {
    const failure = asStepFailure(error);

    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    // Named after what failed, so the retried error in the execution history says what it was.
    expect(failure).toMatchObject({
      name: 'DependencyUnavailable',
      message: `${error.name}: ${error.message}`,
      cause: error,
    });
  });

  it('leaves errors retrying cannot fix as they are', () => {
    const denied = awsError('AccessDeniedException', { $fault: 'client' });
    const unknownCode = awsError('Error', { code: 'ENOENT' });

    expect(asStepFailure(denied)).toBe(denied);
    expect(asStepFailure(unknownCode)).toBe(unknownCode);
    expect(asStepFailure('a string')).toBe('a string');
    expect(asStepFailure(null)).toBeNull();
    expect(asStepFailure(undefined)).toBeUndefined();
  });
});
