import {
  CarrierUnavailableError,
  CompensationInterruptedError,
  DependencyUnavailableError,
  DispatchNotRecordedError,
  InvalidStepInputError,
  InvoiceVoidedError,
  NoCarrierAvailableError,
  OrderCancellationRequestedError,
  OrderRecordMissingError,
  OrderStatusConflictError,
  OutOfStockError,
  PaymentCaptureRejectedError,
  PaymentProviderUnavailableError,
  readableCause,
  TRANSIENT_STEP_ERRORS,
} from './step-errors';

describe('step errors', () => {
  it('carry fixed names that survive minification, for Retry and Catch to match', () => {
    expect(new OutOfStockError([{ sku: 'LT-006', requested: 5, available: 3 }])).toMatchObject({
      name: 'OutOfStock',
      message: 'Not enough stock: LT-006 (requested 5, available 3)',
    });
    expect(new NoCarrierAvailableError('AQ', 'STANDARD').name).toBe('NoCarrierAvailable');
    expect(TRANSIENT_STEP_ERRORS).not.toContain('OutOfStock');
  });

  it.each([
    [new PaymentProviderUnavailableError('down'), 'PaymentProviderUnavailable', true],
    [new CarrierUnavailableError('down'), 'CarrierUnavailable', true],
    [new DependencyUnavailableError('throttled'), 'DependencyUnavailable', true],
    [new InvalidStepInputError('bad input'), 'InvalidStepInput', false],
    [new OrderRecordMissingError('order-1'), 'OrderRecordMissing', false],
    [new InvoiceVoidedError('order-1'), 'InvoiceVoided', false],
    [new PaymentCaptureRejectedError('hold expired'), 'PaymentCaptureRejected', false],
    [
      new OrderCancellationRequestedError('order-1', 'ReserveStock', {
        requestedAt: '2026-11-21T10:00:00.000Z',
        requestedBy: 'customer',
      }),
      'OrderCancellationRequested',
      false,
    ],
    [new OrderStatusConflictError('order-1', 'Procured', 'PAYMENT_CONFIRMED', 'FAILED'), 'OrderStatusConflict', false],
    [
      new DispatchNotRecordedError('order-1', 'EP0123456789AB', new Error('Order order-1 is FAILED')),
      'DispatchNotRecorded',
      false,
    ],
  ])('%s is named %s; retried by the workflow: %s', (error, name, transient) => {
    expect(error.name).toBe(name);
    expect((TRANSIENT_STEP_ERRORS as readonly string[]).includes(name)).toBe(transient);
  });
});

it.each([
  [
    () =>
      new OutOfStockError([
        { sku: 'LT-006', requested: 5, available: 3 },
        { sku: 'KB-001', requested: 2, available: 0 },
      ]),
    'Not enough stock: LT-006 (requested 5, available 3), KB-001 (requested 2, available 0)',
  ],
  [() => new NoCarrierAvailableError('AQ', 'EXPRESS'), 'No carrier serves AQ at service level EXPRESS'],
  [() => new OrderRecordMissingError('order-1'), 'Order order-1 does not exist'],
  [
    () =>
      new CompensationInterruptedError('order-1', {
        step: 'BookShipment',
        error: 'CarrierUnavailable',
        at: '2026-11-21T10:00:00.000Z',
      }),
    'Order order-1 was being compensated since 2026-11-21T10:00:00.000Z (BookShipment failed with CarrierUnavailable) when its workflow stopped; this run finishes the compensation',
  ],
])('%p tells the operator reading the alert what happened to which order', (build, message) => {
  expect(build().message).toBe(message);
});

it('a cancellation noticed by a step says who asked, when, and that the step did nothing', () => {
  const noticed = new OrderCancellationRequestedError('order-1', 'BookShipment', {
    requestedAt: '2026-11-21T10:00:00.000Z',
    requestedBy: 'ops',
  });

  expect(noticed.message).toBe(
    'Order order-1 was asked to be cancelled at 2026-11-21T10:00:00.000Z (by ops): BookShipment did nothing, and the workflow undoes what was done',
  );
});

describe('readableCause', () => {
  it("shows only the message of a Lambda error's JSON cause, never its stack trace", () => {
    const cause = JSON.stringify({ errorType: 'OutOfStock', errorMessage: 'Not enough stock', trace: ['at x'] });

    expect(readableCause(cause)).toBe('Not enough stock');
  });

  it('keeps plain-text causes (service integrations) as they are', () => {
    expect(readableCause('The conditional request failed')).toBe('The conditional request failed');
    expect(readableCause('{"not":"a lambda error"}')).toBe('{"not":"a lambda error"}');
  });
});
