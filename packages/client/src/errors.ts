import type { Problem } from './types';

// Every answer that is not a success becomes an OrderApiError; each problem type the API answers
// (packages/http problem-details.ts) has a class of its own, so a caller can `instanceof` it.
// Each class sets its `name` itself: minifiers rename classes.

const PROBLEM_TYPE_PREFIX = 'urn:order-platform:problem:';

export class OrderApiError extends Error {
  override readonly name: string = 'OrderApiError';

  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The problem details, when the answer was problem+json. */
    readonly problem?: Problem,
    message = problem?.detail ?? problem?.title ?? `The order API answered ${status}`,
  ) {
    super(message);
  }

  /** The problem type (`urn:order-platform:problem:…`), if the API sent one. */
  get type(): string | undefined {
    return this.problem?.type;
  }
}

export class ValidationError extends OrderApiError {
  override readonly name = 'ValidationError';

  /** Which fields were wrong, and why. */
  get errors(): NonNullable<Problem['errors']> {
    return this.problem?.errors ?? [];
  }
}
export class MalformedJsonError extends OrderApiError {
  override readonly name = 'MalformedJsonError';
}
/** 401: no valid bearer token (API Gateway's own answer, or the API's). */
export class UnauthorizedError extends OrderApiError {
  override readonly name = 'UnauthorizedError';
}
export class ForbiddenError extends OrderApiError {
  override readonly name = 'ForbiddenError';
}
export class OrderNotFoundError extends OrderApiError {
  override readonly name = 'OrderNotFoundError';
}
export class ExecutionNotFoundError extends OrderApiError {
  override readonly name = 'ExecutionNotFoundError';
}
/** 409: this Idempotency-Key was used before with another body. */
export class IdempotencyKeyReusedError extends OrderApiError {
  override readonly name = 'IdempotencyKeyReusedError';
}
export class OrderNotCancellableError extends OrderApiError {
  override readonly name = 'OrderNotCancellableError';
}
export class PayloadTooLargeError extends OrderApiError {
  override readonly name = 'PayloadTooLargeError';
}
export class UnsupportedMediaTypeError extends OrderApiError {
  override readonly name = 'UnsupportedMediaTypeError';
}
export class UnsupportedContentEncodingError extends OrderApiError {
  override readonly name = 'UnsupportedContentEncodingError';
}
export class UnknownSkuError extends OrderApiError {
  override readonly name = 'UnknownSkuError';
}
export class UnsupportedCurrencyError extends OrderApiError {
  override readonly name = 'UnsupportedCurrencyError';
}
/** 429: throttled (API Gateway's own answer), still so after the client's retries. */
export class TooManyRequestsError extends OrderApiError {
  override readonly name = 'TooManyRequestsError';
}
export class InternalServerError extends OrderApiError {
  override readonly name = 'InternalServerError';
}
/** 503: the order workflow could not be started, still so after the client's retries. */
export class WorkflowUnavailableError extends OrderApiError {
  override readonly name = 'WorkflowUnavailableError';
}

/** waitForOrder gave up: the order had not reached a terminal status in time. */
export class OrderWaitTimeoutError extends Error {
  override readonly name = 'OrderWaitTimeoutError';

  constructor(
    readonly orderId: string,
    readonly lastStatus: string | undefined,
    timeoutMs: number,
  ) {
    super(
      `Order ${orderId} did not reach a terminal status within ${timeoutMs} ms (last seen: ${lastStatus ?? 'none'})`,
    );
  }
}

type ErrorClass = new (status: number, problem?: Problem, message?: string) => OrderApiError;

/** The error class of each problem type the API answers, by the type's last segment. */
export const ERROR_CLASS_BY_PROBLEM_TYPE: ReadonlyMap<string, ErrorClass> = new Map<string, ErrorClass>([
  ['validation-error', ValidationError],
  ['malformed-json', MalformedJsonError],
  ['unauthorized', UnauthorizedError],
  ['forbidden', ForbiddenError],
  ['order-not-found', OrderNotFoundError],
  ['execution-not-found', ExecutionNotFoundError],
  ['idempotency-key-reused', IdempotencyKeyReusedError],
  ['order-not-cancellable', OrderNotCancellableError],
  ['payload-too-large', PayloadTooLargeError],
  ['unsupported-media-type', UnsupportedMediaTypeError],
  ['unsupported-content-encoding', UnsupportedContentEncodingError],
  ['unknown-sku', UnknownSkuError],
  ['unsupported-currency', UnsupportedCurrencyError],
  ['workflow-unavailable', WorkflowUnavailableError],
  ['internal-error', InternalServerError],
]);

/** Answers that carry no problem type: API Gateway's own (`{"message": …}`) and anything else. */
const ERROR_CLASS_BY_STATUS: ReadonlyMap<number, ErrorClass> = new Map<number, ErrorClass>([
  [401, UnauthorizedError],
  [403, ForbiddenError],
  [429, TooManyRequestsError],
  [500, InternalServerError],
  [503, WorkflowUnavailableError],
]);

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Problem).type === 'string' &&
  typeof (body as Problem).title === 'string' &&
  typeof (body as Problem).status === 'number';

const gatewayMessageOf = (body: unknown): string | undefined => {
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
};

/** The typed error for a failed answer: by its problem type, else by its status. */
export const errorFromResponse = (status: number, body: unknown): OrderApiError => {
  if (isProblem(body)) {
    const slug = body.type.startsWith(PROBLEM_TYPE_PREFIX) ? body.type.slice(PROBLEM_TYPE_PREFIX.length) : undefined;
    const ErrorClass =
      (slug === undefined ? undefined : ERROR_CLASS_BY_PROBLEM_TYPE.get(slug)) ??
      ERROR_CLASS_BY_STATUS.get(status) ??
      OrderApiError;
    return new ErrorClass(status, body);
  }
  const ErrorClass = ERROR_CLASS_BY_STATUS.get(status) ?? OrderApiError;
  const message = gatewayMessageOf(body);
  return message === undefined ? new ErrorClass(status) : new ErrorClass(status, undefined, message);
};
