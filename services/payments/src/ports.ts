import type { Money } from '@order-platform/domain';

export type ChargeOutcome =
  | { readonly outcome: 'APPROVED'; readonly chargeId: string }
  | { readonly outcome: 'DECLINED'; readonly reason: string };

/**
 * A payment service, as the workflow needs it. Both calls are idempotent per key, as real
 * providers make them (Stripe's Idempotency-Key): the order id is the key, so a retried step can
 * never charge or refund twice. An outage is thrown as PaymentProviderUnavailableError.
 */
export interface PaymentProvider {
  /** The same key always gets the first answer back: a second call charges nothing. */
  charge(request: {
    readonly idempotencyKey: string;
    readonly token: string;
    readonly amount: Money;
  }): Promise<ChargeOutcome>;
  /** Refunds the charge made under this key; `refunded: false` when none was made. */
  refund(request: { readonly idempotencyKey: string }): Promise<{ readonly refunded: boolean }>;
}
