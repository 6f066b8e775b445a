/** The `error` object of Stripe's error answers (https://docs.stripe.com/api/errors). */
export interface StripeErrorBody {
  readonly type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
  readonly message: string;
  readonly code?: string;
  readonly decline_code?: string;
  readonly param?: string;
  readonly payment_intent?: unknown;
  readonly doc_url?: string;
}

/** An answer the API gives with an error status; `saved`: whether an idempotency key keeps it. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    /** Stripe saves an answer once the endpoint began executing: not for a validation refusal. */
    readonly saved = true,
  ) {
    super(body.message);
  }
}

const withDocs = (body: StripeErrorBody): StripeErrorBody =>
  body.code ? { ...body, doc_url: `https://docs.stripe.com/error-codes/${body.code.replaceAll('_', '-')}` } : body;

export const invalidRequest = (message: string, fields: { code?: string; param?: string } = {}, saved = true) =>
  new StripeApiError(400, withDocs({ type: 'invalid_request_error', message, ...fields }), saved);

/** A parameter the endpoint cannot execute with: refused before execution, so never saved. */
export const invalidParameter = (param: string, message: string, code = 'parameter_invalid_empty') =>
  invalidRequest(message, { code, param }, false);

export const missingParameter = (param: string) =>
  invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param }, false);

export const noSuch = (resource: string, id: string, param: string) =>
  new StripeApiError(
    404,
    withDocs({
      type: 'invalid_request_error',
      code: 'resource_missing',
      message: `No such ${resource}: '${id}'`,
      param,
    }),
  );

export const unexpectedState = (action: string, status: string, allowed: readonly string[], paymentIntent: unknown) =>
  new StripeApiError(
    400,
    withDocs({
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      message: `This PaymentIntent could not be ${action} because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be ${action}: ${allowed.join(', ')}.`,
      payment_intent: paymentIntent,
    }),
  );
