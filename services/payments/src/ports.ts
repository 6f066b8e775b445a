import type { Money } from '@order-platform/domain';

/** What a hold attempt came to. A decline is an answer, not an error: it is never retried. */
export type AuthorizationOutcome =
  | { readonly outcome: 'AUTHORIZED'; readonly authorizationId: string }
  | { readonly outcome: 'DECLINED'; readonly reason: string };

/** The operations a payment takes; with the order id they make each call's idempotency key. */
export type PaymentOperation = 'authorize' | 'capture' | 'void' | 'refund';

/**
 * A payment service as the workflow needs it: hold the amount when the order is placed, take it
 * once the parcel is booked, release the hold (void) or give the money back (refund) when the
 * order cannot be fulfilled. Every call is idempotent under `paymentIdempotencyKey(orderId, op)`,
 * as real providers make them (Stripe's Idempotency-Key), so a retried or re-driven step never
 * holds, takes or gives back twice.
 *
 * Errors: an outage (timeout, rate limit, 5xx, connection) is thrown as
 * PaymentProviderUnavailableError, which the workflow retries; a capture refused for good is
 * thrown as PaymentCaptureRejectedError, which it does not.
 */
export interface PaymentProvider {
  /** Holds `amount` on the customer's payment method. The same order always gets its first answer. */
  authorize(request: {
    readonly orderId: string;
    readonly token: string;
    readonly amount: Money;
  }): Promise<AuthorizationOutcome>;
  /** Takes the held amount. Capturing an already captured hold answers the first capture again. */
  capture(request: {
    readonly orderId: string;
    readonly authorizationId: string;
    readonly amount: Money;
  }): Promise<{ readonly captureId: string }>;
  /** Releases an uncaptured hold; `voided: false` when it was already released or never held. */
  void(request: { readonly orderId: string; readonly authorizationId: string }): Promise<{ readonly voided: boolean }>;
  /** Gives back a captured payment in full; `refunded: false` when there was nothing captured. */
  refund(request: {
    readonly orderId: string;
    readonly authorizationId: string;
    readonly amount: Money;
  }): Promise<{ readonly refunded: boolean }>;
}

/** One key per order and operation: retries of the same operation collide, different ones never do. */
export const paymentIdempotencyKey = (orderId: string, operation: PaymentOperation): string =>
  `${orderId}:${operation}`;
