import {
  IdempotencyConflictError,
  OrderNotFoundError,
  OrderPlatformError,
  UnknownSkuError,
  UnsupportedCurrencyError,
} from './errors';

describe('domain errors', () => {
  it.each([
    [new OrderNotFoundError('o-1'), 'OrderNotFoundError', 'Order o-1 was not found.'],
    [new IdempotencyConflictError('o-1'), 'IdempotencyConflictError', expect.stringContaining('Idempotency-Key')],
    [new UnknownSkuError(['A', 'B']), 'UnknownSkuError', 'Unknown SKU: A, B'],
    [new UnsupportedCurrencyError('JPY'), 'UnsupportedCurrencyError', 'Currency JPY is not supported.'],
  ])('%p is named after its class, for logs and error matching', (error, name, message) => {
    expect(error).toBeInstanceOf(OrderPlatformError);
    expect(error.name).toBe(name);
    expect(error.message).toEqual(message);
  });
});
