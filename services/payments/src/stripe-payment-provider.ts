import { PaymentCaptureRejectedError, PaymentProviderUnavailableError } from '@order-platform/domain';
import type Stripe from 'stripe';
import { paymentIdempotencyKey, type AuthorizationOutcome, type PaymentProvider } from './ports';

/** What the stripe SDK rejects with: its error classes set `type` to their own name, safe from minification. */
interface StripeFailure {
  readonly type?: string;
  readonly statusCode?: number;
  readonly code?: string;
  readonly param?: string;
  readonly message?: string;
  readonly payment_intent?: Stripe.PaymentIntent;
}

const failureOf = (error: unknown): StripeFailure | undefined =>
  typeof error === 'object' && error !== null && typeof (error as StripeFailure).type === 'string'
    ? (error as StripeFailure)
    : undefined;

/**
 * Stripe could not answer now, and asking again later may work: rate limited (429, or an object
 * locked by another request), a conflicting concurrent request (409), Stripe's own failure
 * (5xx), no connection, or a secret key Stripe no longer accepts (401: a rotated key; the next
 * attempt reads the secret again).
 */
const isTransient = (failure: StripeFailure) =>
  failure.type === 'StripeConnectionError' ||
  failure.type === 'StripeRateLimitError' ||
  failure.type === 'StripeAuthenticationError' ||
  failure.code === 'lock_timeout' ||
  failure.statusCode === 409 ||
  (failure.statusCode ?? 0) >= 500;

/** Stripe's objects as it describes them in a message, never the request (the key is not in it). */
const described = (failure: StripeFailure) =>
  `Stripe ${failure.statusCode ?? 'connection'} ${failure.code ?? failure.type}: ${failure.message}`;

/** An outage as the workflow retries it; anything else is a bug or a misconfiguration and is thrown as is. */
const unavailableOr = (error: unknown): never => {
  const failure = failureOf(error);
  if (failure && isTransient(failure)) throw new PaymentProviderUnavailableError(described(failure), { cause: error });
  throw error;
};

const isStatusConflict = (failure: StripeFailure | undefined) => failure?.code === 'payment_intent_unexpected_state';
const isMissing = (failure: StripeFailure | undefined) => failure?.code === 'resource_missing';

/** What a confirmation that did not authorize means for the order. */
const declineOf = (failure: StripeFailure): AuthorizationOutcome | undefined => {
  // A card decline (402: declined, expired, wrong CVC…): Stripe's message is written for the customer.
  if (failure.type === 'StripeCardError') return { outcome: 'DECLINED', reason: failure.message ?? 'Card declined' };
  // The customer's token names no payment method Stripe knows.
  if (failure.type === 'StripeInvalidRequestError' && failure.param === 'payment_method') {
    return { outcome: 'DECLINED', reason: 'The payment method was not found' };
  }
  return undefined;
};

const declinedIntent = (intent: Stripe.PaymentIntent): AuthorizationOutcome => ({
  outcome: 'DECLINED',
  reason:
    intent.status === 'requires_action'
      ? 'The card requires the customer to authenticate (3D Secure), which an order placed through this API cannot do'
      : (intent.last_payment_error?.message ?? 'Card declined'),
});

/**
 * The PaymentProvider port on Stripe's PaymentIntents (https://docs.stripe.com/payments/place-a-hold-on-a-payment-method):
 * authorize creates and confirms a manual-capture intent with the customer's payment method (a
 * hold); capture takes it; void cancels it; refund gives a captured one back. Every request
 * carries Stripe's Idempotency-Key, `paymentIdempotencyKey(orderId, operation)`, so a retried or
 * re-driven step gets Stripe's first answer back instead of a second hold, capture or refund.
 *
 * Stripe answers that the operation is moot (the hold is already released, the charge already
 * refunded) with a 400 `payment_intent_unexpected_state` or `charge_already_refunded`; those are
 * read as `voided: false` / `refunded: false`, never as failures. Money is never kept for an
 * order the workflow gives up: a void that finds the intent captured refunds it, and a refund
 * that finds it only held releases the hold.
 */
export const buildStripePaymentProvider = (stripe: Stripe): PaymentProvider => {
  /** The intent, or undefined when Stripe has none by that id. */
  const retrieve = (id: string) =>
    stripe.paymentIntents
      .retrieve(id)
      .catch((error: unknown) => (isMissing(failureOf(error)) ? undefined : unavailableOr(error)));

  const refundIntent = async (orderId: string, intentId: string): Promise<boolean> => {
    try {
      await stripe.refunds.create(
        { payment_intent: intentId, metadata: { order_id: orderId } },
        { idempotencyKey: paymentIdempotencyKey(orderId, 'refund') },
      );
      return true;
    } catch (error) {
      const code = failureOf(error)?.code;
      if (code === 'charge_already_refunded' || code === 'charge_not_refundable' || code === 'resource_missing') {
        return false;
      }
      return unavailableOr(error);
    }
  };

  const cancelIntent = async (orderId: string, intentId: string): Promise<Stripe.PaymentIntent | undefined> => {
    try {
      return await stripe.paymentIntents.cancel(
        intentId,
        {},
        { idempotencyKey: paymentIdempotencyKey(orderId, 'void') },
      );
    } catch (error) {
      const failure = failureOf(error);
      if (isStatusConflict(failure) || isMissing(failure)) return undefined;
      return unavailableOr(error);
    }
  };

  return {
    async authorize({ orderId, token, amount }) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: amount.amount,
            currency: amount.currency.toLowerCase(),
            capture_method: 'manual',
            confirm: true,
            payment_method: token,
            // Confirmed by the server with no customer present: no method that needs a redirect.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            description: `Order ${orderId}`,
            metadata: { order_id: orderId },
          },
          { idempotencyKey: paymentIdempotencyKey(orderId, 'authorize') },
        );
        if (intent.status === 'requires_capture') return { outcome: 'AUTHORIZED', authorizationId: intent.id };
        if (intent.status === 'requires_payment_method' || intent.status === 'requires_action') {
          return declinedIntent(intent);
        }
        throw new PaymentProviderUnavailableError(`Stripe left PaymentIntent ${intent.id} ${intent.status}`);
      } catch (error) {
        const failure = failureOf(error);
        const declined = failure && declineOf(failure);
        if (declined) return declined;
        return unavailableOr(error);
      }
    },

    async capture({ orderId, authorizationId, amount }) {
      try {
        const intent = await stripe.paymentIntents.capture(
          authorizationId,
          { amount_to_capture: amount.amount },
          { idempotencyKey: paymentIdempotencyKey(orderId, 'capture') },
        );
        return { captureId: String(intent.latest_charge ?? intent.id) };
      } catch (error) {
        const failure = failureOf(error);
        if (!failure || isTransient(failure)) return unavailableOr(error);
        // Captured by an earlier attempt whose answer was lost (and whose key Stripe has forgotten).
        if (isStatusConflict(failure)) {
          const intent = await retrieve(authorizationId);
          if (intent?.status === 'succeeded') return { captureId: String(intent.latest_charge ?? intent.id) };
        }
        // Stripe will not take this hold (released, expired, amount no longer allowed): for good.
        throw new PaymentCaptureRejectedError(described(failure), { cause: error });
      }
    },

    async void({ orderId, authorizationId }) {
      const intent = await retrieve(authorizationId);
      if (!intent || intent.status === 'canceled') return { voided: false };
      if (intent.status === 'succeeded') {
        // Captured after all (a capture whose answer was lost): the money goes back instead.
        return { voided: await refundIntent(orderId, intent.id) };
      }
      const canceled = await cancelIntent(orderId, intent.id);
      return { voided: intent.status === 'requires_capture' && canceled?.status === 'canceled' };
    },

    async refund({ orderId, authorizationId }) {
      const refunded = await refundIntent(orderId, authorizationId);
      if (!refunded) {
        // Never captured: a hold that is still there is released, so nothing stays held.
        const intent = await retrieve(authorizationId);
        if (intent?.status === 'requires_capture') await cancelIntent(orderId, intent.id);
      }
      return { refunded };
    },
  };
};
