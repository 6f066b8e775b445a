/**
 * The sandbox provider's test tokens, like a payment service's test cards. Anything else is
 * declined as an unknown card.
 */
export const SANDBOX_TOKENS = {
  /** Approves. */
  tok_visa: 'approves',
  /** Declines; a decline is an answer, never retried. */
  tok_declined: 'declines',
  /** The provider fails transiently on the order's first two attempts, then approves. */
  tok_flaky: 'fails twice, then approves',
  /** The provider fails transiently on every attempt. */
  tok_error: 'always fails',
  /** Approves, but every refund fails transiently: exercises a compensation that cannot finish. */
  tok_refund_fails: 'approves; refunds always fail',
} as const;

export type SandboxAnswer = 'APPROVE' | 'DECLINE' | 'UNAVAILABLE';

/** What the sandbox answers for `token` on the order's `attempt`-th charge request (from 1). */
export const sandboxChargeAnswer = (token: string, attempt: number): SandboxAnswer => {
  switch (token) {
    case 'tok_visa':
    case 'tok_refund_fails':
      return 'APPROVE';
    case 'tok_flaky':
      return attempt <= 2 ? 'UNAVAILABLE' : 'APPROVE';
    case 'tok_error':
      return 'UNAVAILABLE';
    default:
      return 'DECLINE';
  }
};

export const declineReasonFor = (token: string): string =>
  token === 'tok_declined' ? 'Card declined by the issuer' : 'Unknown card token';
