/** How a test payment method behaves when a PaymentIntent is confirmed with it. */
export type TestCardBehaviour =
  | { readonly kind: 'authorizes' }
  | { readonly kind: 'declines'; readonly code: string; readonly declineCode: string; readonly message: string }
  /** Authorizes, but the hold lapses before it is captured (Stripe cancels uncaptured intents after 7 days). */
  | { readonly kind: 'authorization-expires' };

const GENERIC_DECLINE = {
  kind: 'declines',
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
} as const;

/**
 * Stripe's test payment methods (https://docs.stripe.com/testing) that this server knows, the
 * order platform's sandbox tokens as aliases of them, and one of its own: `pm_card_authorizationExpires`
 * (no Stripe equivalent: a hold that expires before capture takes days on Stripe).
 */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestCardBehaviour>> = {
  pm_card_visa: { kind: 'authorizes' },
  pm_card_mastercard: { kind: 'authorizes' },
  pm_card_amex: { kind: 'authorizes' },
  pm_card_chargeDeclined: GENERIC_DECLINE,
  pm_card_chargeDeclinedInsufficientFunds: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  pm_card_chargeDeclinedExpiredCard: {
    kind: 'declines',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    kind: 'declines',
    code: 'incorrect_cvc',
    declineCode: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  },
  pm_card_authorizationExpires: { kind: 'authorization-expires' },
  // The sandbox provider's tokens (services/payments/src/sandbox-cards.ts), so that the same test
  // orders run against either provider.
  tok_visa: { kind: 'authorizes' },
  tok_declined: GENERIC_DECLINE,
};
