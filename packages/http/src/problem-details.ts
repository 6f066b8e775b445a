import type { MiddlewareObj, Request } from '@middy/core';
import {
  ExecutionNotFoundError,
  IdempotencyConflictError,
  OrderNotCancellableError,
  OrderNotFoundError,
  RequestValidationError,
  UnknownSkuError,
  UnsupportedCurrencyError,
  WorkflowStartError,
  type FieldError,
} from '@order-platform/domain';
import {
  ForbiddenError,
  MalformedJsonError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedContentEncodingError,
  UnsupportedMediaTypeError,
} from './http-errors';
import type { HttpEvent, HttpResult } from './http-types';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: readonly FieldError[];
  /** Sent as the Retry-After header, not in the body. */
  retryAfterSeconds?: number;
  /**
   * Sent as the Accept-Encoding header, not in the body: the content codings a request may use.
   * RFC 9110 §12.5.3 has a 415 carry it only when the coding was the problem, so that a client
   * can tell a refused coding from a refused media type.
   */
  acceptEncoding?: string;
}

const problemType = (slug: string) => `urn:order-platform:problem:${slug}`;

/** The one place that decides what status and body a failure gets (RFC 9457 problem details). */
export const problemFor = (error: unknown): Problem => {
  const detail = error instanceof Error ? error.message : undefined;
  const known = (status: number, slug: string, title: string): Problem => ({
    type: problemType(slug),
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
  });

  if (error instanceof RequestValidationError) {
    return { ...known(400, 'validation-error', 'Your request is not valid'), errors: error.errors };
  }
  if (error instanceof MalformedJsonError) return known(400, 'malformed-json', 'The body is not valid JSON');
  if (error instanceof UnauthorizedError) return known(401, 'unauthorized', 'Unauthorized');
  if (error instanceof ForbiddenError) return known(403, 'forbidden', 'Forbidden');
  if (error instanceof OrderNotFoundError) return known(404, 'order-not-found', 'Order not found');
  if (error instanceof ExecutionNotFoundError) return known(404, 'execution-not-found', 'Execution not found');
  if (error instanceof IdempotencyConflictError) {
    return known(409, 'idempotency-key-reused', 'Idempotency-Key reused with a different request');
  }
  if (error instanceof OrderNotCancellableError) {
    return known(409, 'order-not-cancellable', 'The order can no longer be cancelled');
  }
  if (error instanceof PayloadTooLargeError) return known(413, 'payload-too-large', 'The body is too large');
  if (error instanceof UnsupportedMediaTypeError) {
    return known(415, 'unsupported-media-type', 'The body must be application/json in UTF-8');
  }
  if (error instanceof UnsupportedContentEncodingError) {
    return {
      ...known(415, 'unsupported-content-encoding', 'The body must not be compressed'),
      acceptEncoding: 'identity',
    };
  }
  if (error instanceof UnknownSkuError) return known(422, 'unknown-sku', 'Unknown SKU');
  if (error instanceof UnsupportedCurrencyError) return known(422, 'unsupported-currency', 'Unsupported currency');
  if (error instanceof WorkflowStartError) {
    return { ...known(503, 'workflow-unavailable', 'The order workflow is unavailable'), retryAfterSeconds: 1 };
  }
  return { type: problemType('internal-error'), title: 'Internal error', status: 500 };
};

export const problemResponse = ({ retryAfterSeconds, acceptEncoding, ...problem }: Problem): HttpResult => ({
  statusCode: problem.status,
  headers: {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }),
    ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
  },
  body: JSON.stringify(problem),
});

/** Turns any thrown error into a problem+json response; requestLogging logs it. */
export const problemDetails = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: function respondWithProblem(request: Request<HttpEvent, HttpResult>) {
    request.response = problemResponse(problemFor(request.error));
  },
});
