/**
 * Typed failures of the order domain. The HTTP layer maps each to a status code in one place
 * (packages/http/src/problem-details.ts); nothing else decides what a client sees.
 */
export abstract class OrderPlatformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  /** JSON Pointer (RFC 6901) to the offending field, e.g. `/items/0/quantity`. */
  readonly path: string;
  readonly message: string;
}

export class RequestValidationError extends OrderPlatformError {
  constructor(
    readonly errors: readonly FieldError[],
    message = 'The request is invalid.',
  ) {
    super(message);
  }
}

export class UnknownSkuError extends OrderPlatformError {
  constructor(readonly skus: readonly string[]) {
    super(`Unknown SKU: ${skus.join(', ')}`);
  }
}

export class UnsupportedCurrencyError extends OrderPlatformError {
  constructor(
    readonly currency: string,
    readonly skus: readonly string[] = [],
  ) {
    super(
      skus.length === 0
        ? `Currency ${currency} is not supported.`
        : `Currency ${currency} is not supported for: ${skus.join(', ')}`,
    );
  }
}

export class OrderNotFoundError extends OrderPlatformError {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was not found.`);
  }
}

/**
 * The order can no longer be cancelled: it was handed to the carrier (or dispatched), or it
 * failed. A cancellation requested earlier is not this: asking again answers the order.
 */
export class OrderNotCancellableError extends OrderPlatformError {
  constructor(
    readonly orderId: string,
    readonly reason: string,
  ) {
    super(`Order ${orderId} can no longer be cancelled: ${reason}.`);
  }
}

/** The order has no workflow execution (never accepted, or the id is wrong). */
export class ExecutionNotFoundError extends OrderPlatformError {
  constructor(readonly orderId: string) {
    super(`No workflow execution for order ${orderId}.`);
  }
}

export class IdempotencyConflictError extends OrderPlatformError {
  constructor(readonly orderId: string) {
    super('This Idempotency-Key was already used with a different request body.');
  }
}

/**
 * The order could not be handed to its workflow. With an Idempotency-Key the order is kept and a
 * retry with the same key finishes the job; without one it was withdrawn, so nothing was placed.
 */
export class WorkflowStartError extends OrderPlatformError {
  constructor(
    readonly orderId: string,
    readonly orderKept: boolean,
    override readonly cause: unknown,
  ) {
    super(
      orderKept
        ? `Order ${orderId} is saved but its workflow did not start: retry with the same Idempotency-Key to finish placing it.`
        : 'The order was not placed because its workflow could not be started: retry (an Idempotency-Key makes retries safe).',
    );
  }
}
