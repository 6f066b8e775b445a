import { OrderPlatformError } from '@order-platform/domain';

/** Failures that belong to HTTP itself rather than to the order domain. */
export class UnauthorizedError extends OrderPlatformError {
  constructor(message = 'A valid bearer token is required.') {
    super(message);
  }
}

/** A valid token without the scope the route needs (e.g. a customer's token on an ops route). */
export class ForbiddenError extends OrderPlatformError {
  constructor(readonly requiredScope: string) {
    super(`This token lacks the ${requiredScope} scope.`);
  }
}

export class UnsupportedMediaTypeError extends OrderPlatformError {
  constructor(readonly contentType: string | undefined) {
    super(
      `Content-Type must be application/json with charset UTF-8${contentType ? `, not ${contentType}` : ': the request has none'}.`,
    );
  }
}

/** A compressed (or otherwise encoded) body: the API reads only the body as sent. */
export class UnsupportedContentEncodingError extends OrderPlatformError {
  constructor(readonly contentEncoding: string) {
    super(`Content-Encoding ${contentEncoding} is not supported: send the body uncompressed.`);
  }
}

export class PayloadTooLargeError extends OrderPlatformError {
  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes.`);
  }
}

export class MalformedJsonError extends OrderPlatformError {
  constructor(reason: string) {
    super(`The body is not valid JSON: ${reason}`);
  }
}
