import { DependencyUnavailableError, OutOfStockError } from '@order-platform/domain';
import * as z from 'zod';
import { asStepFailure, stepHandler } from './step-handler';

const input = z.object({ orderId: z.string(), quantity: z.number().int() });

describe('stepHandler', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));

  it('runs the step with its validated input and returns its result', async () => {
    const handler = stepHandler(input, async ({ orderId, quantity }) => ({ orderId, doubled: quantity * 2 }));

    await expect(handler({ orderId: 'o-1', quantity: 2 })).resolves.toEqual({ orderId: 'o-1', doubled: 4 });
  });

  it('rejects input the definition should never send as InvalidStepInput, without running the step', async () => {
    const run = jest.fn();
    const handler = stepHandler(input, run);

    await expect(handler({ orderId: 'o-1', quantity: 'two' })).rejects.toMatchObject({
      name: 'InvalidStepInput',
      message: expect.stringContaining('quantity'),
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("reports the step's own errors under their names and logs them with the order id", async () => {
    const handler = stepHandler(input, async () => {
      throw new OutOfStockError([{ sku: 'LT-006', requested: 5, available: 3 }]);
    });

    await expect(handler({ orderId: 'o-1', quantity: 5 })).rejects.toMatchObject({ name: 'OutOfStock' });
    expect(JSON.parse(String(jest.mocked(console.error).mock.calls[0]?.[0]))).toMatchObject({
      level: 'ERROR',
      orderId: 'o-1',
      error: { name: 'OutOfStock' },
    });
  });
});

describe('asStepFailure', () => {
  const awsError = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), { name, ...extra });

  it.each([
    ['a throttled DynamoDB call', awsError('ProvisionedThroughputExceededException', { $fault: 'client' })],
    ['a 5xx from a service', awsError('InternalServerError', { $fault: 'server' })],
    ['an SDK timeout', awsError('TimeoutError')],
    ['a refused connection', awsError('Error', { code: 'ECONNREFUSED' })],
  ])('turns %s into DependencyUnavailable, which the workflow retries', (_, error) => {
    const failure = asStepFailure(error);

    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect(failure).toMatchObject({ name: 'DependencyUnavailable', cause: error });
  });

  it('leaves errors retrying cannot fix as they are', () => {
    const denied = awsError('AccessDeniedException', { $fault: 'client' });

    expect(asStepFailure(denied)).toBe(denied);
    expect(asStepFailure('a string')).toBe('a string');
  });
});
