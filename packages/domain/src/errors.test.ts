import {
  ExecutionNotFoundError,
  IdempotencyConflictError,
  OrderNotCancellableError,
  OrderNotFoundError,
  OrderPlatformError,
  RequestValidationError,
  UnknownSkuError,
  UnsupportedCurrencyError,
  WorkflowStartError,
} from './errors';

describe('domain errors', () => {
  it.each([
    [() => new OrderNotFoundError('o-1'), 'OrderNotFoundError', 'Order o-1 was not found.'],
    [() => new IdempotencyConflictError('o-1'), 'IdempotencyConflictError', expect.stringContaining('Idempotency-Key')],
    [() => new UnknownSkuError(['A', 'B']), 'UnknownSkuError', 'Unknown SKU: A, B'],
    [() => new UnsupportedCurrencyError('JPY'), 'UnsupportedCurrencyError', 'Currency JPY is not supported.'],
    [
      () => new UnsupportedCurrencyError('USD', ['LT-001', 'LT-006']),
      'UnsupportedCurrencyError',
      'Currency USD is not supported for: LT-001, LT-006',
    ],
    [
      () => new OrderNotCancellableError('o-1', 'it is DISPATCHED'),
      'OrderNotCancellableError',
      'Order o-1 can no longer be cancelled: it is DISPATCHED.',
    ],
    [() => new RequestValidationError([]), 'RequestValidationError', 'The request is invalid.'],
    [() => new ExecutionNotFoundError('o-1'), 'ExecutionNotFoundError', 'No workflow execution for order o-1.'],
    [
      () => new WorkflowStartError('o-1', true, new Error('down')),
      'WorkflowStartError',
      expect.stringContaining('retry with the same Idempotency-Key'),
    ],
    [
      () => new WorkflowStartError('o-1', false, new Error('down')),
      'WorkflowStartError',
      expect.stringContaining('The order was not placed'),
    ],
  ])('%p is named after its class, for logs and error matching', (build, name, message) => {
    const error = build();

    expect(error).toBeInstanceOf(OrderPlatformError);
    expect(error.name).toBe(name);
    expect(error.message).toEqual(message);
  });
});
