/**
 * Failures a workflow step reports to Step Functions. Retry and Catch match on the error's name,
 * so each name is a fixed string: minified bundles rename classes, and
 * step-functions/order-workflow.asl.yml lists these names.
 */
export abstract class StepError extends Error {
  abstract override readonly name: StepErrorName;
}

/** Retrying may succeed: a dependency timed out, throttled or answered 5xx. */
export const TRANSIENT_STEP_ERRORS = [
  'PaymentProviderUnavailable',
  'CarrierUnavailable',
  'DependencyUnavailable',
] as const;

/** Every error a step reports: the names the workflow's Retry and Catch may use besides AWS's own. */
export const STEP_ERRORS = [
  ...TRANSIENT_STEP_ERRORS,
  'NoCarrierAvailable',
  'InvalidStepInput',
  'OrderRecordMissing',
  'InvoiceVoided',
  'OrderStatusConflict',
  'DispatchNotRecorded',
  'CompensationInterrupted',
  'PaymentCaptureRejected',
  'OrderCancellationRequested',
] as const;
export type StepErrorName = (typeof STEP_ERRORS)[number];

export class PaymentProviderUnavailableError extends StepError {
  override readonly name = 'PaymentProviderUnavailable';
}

/**
 * The provider refused to capture a hold for good (expired, already released, amount no longer
 * allowed): retrying cannot help, so the order is compensated and ends FAILED.
 */
export class PaymentCaptureRejectedError extends StepError {
  override readonly name = 'PaymentCaptureRejected';
}

export class CarrierUnavailableError extends StepError {
  override readonly name = 'CarrierUnavailable';
}

/** DynamoDB (or another AWS dependency) still failed after the SDK's own retries. */
export class DependencyUnavailableError extends StepError {
  override readonly name = 'DependencyUnavailable';
}

/**
 * Not enough stock for a line. A business outcome, not a failure: ReserveStock answers it as a
 * result (a thrown error would count against the function's Errors alarm for every sold-out order).
 */
export class OutOfStockError extends Error {
  override readonly name = 'OutOfStock';
  constructor(readonly shortages: readonly { sku: string; requested: number; available: number }[]) {
    super(
      `Not enough stock: ${shortages.map((s) => `${s.sku} (requested ${s.requested}, available ${s.available})`).join(', ')}`,
    );
  }
}

export class NoCarrierAvailableError extends StepError {
  override readonly name = 'NoCarrierAvailable';
  constructor(
    readonly country: string,
    readonly serviceLevel: string,
  ) {
    super(`No carrier serves ${country} at service level ${serviceLevel}`);
  }
}

/** The step was given input it cannot act on: the definition and the handler disagree. */
export class InvalidStepInputError extends StepError {
  override readonly name = 'InvalidStepInput';
}

/** The order the step was started for does not exist (never retried). */
export class OrderRecordMissingError extends StepError {
  override readonly name = 'OrderRecordMissing';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} does not exist`);
  }
}

/** The order's invoice was voided (its workflow failed) before this step could issue it. */
export class InvoiceVoidedError extends StepError {
  override readonly name = 'InvoiceVoided';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was voided before its invoice was issued`);
  }
}

/**
 * A step could not record its milestone: the order is in a status the milestone does not follow
 * and does not already carry it (another writer moved it on, or it was never this far). Never
 * retried: a later attempt finds the same order.
 */
export class OrderStatusConflictError extends StepError {
  override readonly name = 'OrderStatusConflict';
  constructor(
    readonly orderId: string,
    readonly milestone: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`Order ${orderId} is ${found}: ${milestone} can only be recorded on a ${expected} order`);
  }
}

/**
 * The payment is captured and the parcel booked, but the order could not be marked DISPATCHED:
 * something else moved it on meanwhile (another run, a cancellation). The workflow alerts ops
 * instead of compensating: whatever moved the order decides what happens to it.
 */
export class DispatchNotRecordedError extends StepError {
  override readonly name = 'DispatchNotRecorded';
  constructor(
    readonly orderId: string,
    readonly trackingNumber: string,
    override readonly cause: Error,
  ) {
    super(
      `Order ${orderId} was paid and booked as parcel ${trackingNumber} but not marked DISPATCHED: ${cause.message}`,
    );
  }
}

/**
 * An earlier run of the order's workflow began compensating it and stopped before the end (its
 * process died). This run must not take the order further: it finishes the compensation instead.
 * Never retried: the order stays marked.
 */
export class CompensationInterruptedError extends StepError {
  override readonly name = 'CompensationInterrupted';
  constructor(
    readonly orderId: string,
    readonly compensation: { readonly step: string; readonly error: string; readonly at: string },
  ) {
    super(
      `Order ${orderId} was being compensated since ${compensation.at} (${compensation.step} failed with ${compensation.error}) when its workflow stopped; this run finishes the compensation`,
    );
  }
}

/**
 * The order's customer (or ops) asked to cancel it, and this step is the first to notice: it does
 * nothing, and the workflow undoes what was done and ends the order CANCELLED. An answer, not an
 * outage: never retried, and the execution succeeds without an alert.
 */
export class OrderCancellationRequestedError extends StepError {
  override readonly name = 'OrderCancellationRequested';
  constructor(
    readonly orderId: string,
    readonly step: string,
    readonly cancellation: { readonly requestedAt: string; readonly requestedBy: string },
  ) {
    super(
      `Order ${orderId} was asked to be cancelled at ${cancellation.requestedAt} (by ${cancellation.requestedBy}): ${step} did nothing, and the workflow undoes what was done`,
    );
  }
}

/**
 * The text a customer may read for a recorded failure. Step Functions records a Lambda error's
 * cause as the runtime's JSON (`errorType`, `errorMessage`, `trace`); only the message is shown.
 */
export const readableCause = (cause: string): string => {
  try {
    const parsed: unknown = JSON.parse(cause);
    if (typeof parsed === 'object' && parsed !== null && 'errorMessage' in parsed) {
      const { errorMessage } = parsed as { errorMessage: unknown };
      if (typeof errorMessage === 'string') return errorMessage;
    }
  } catch {
    // Not JSON: a service integration's cause is already plain text.
  }
  return cause;
};
