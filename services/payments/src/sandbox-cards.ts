/**
 * The sandbox provider's test tokens, like a payment service's test cards. Anything else is
 * declined as an unknown card.
 */
export const SANDBOX_TOKENS = {
  /** Holds the amount, and captures it. */
  tok_visa: 'authorizes and captures',
  /** Declines the hold; a decline is an answer, never retried. */
  tok_declined: 'declines',
  /** The provider fails transiently on the order's first two authorization attempts, then authorizes. */
  tok_flaky: 'fails twice, then authorizes',
  /** The provider fails transiently on every authorization attempt. */
  tok_error: 'always fails',
  /** Authorizes and captures, but every void and refund fails transiently: a compensation that cannot finish. */
  tok_refund_fails: 'authorizes; voids and refunds always fail',
  /** Authorizes; the provider fails transiently on the order's first two capture attempts, then captures. */
  tok_capture_flaky: 'authorizes; fails the first two captures, then captures',
  /** Authorizes, but refuses every capture for good (PaymentCaptureRejected): the order is compensated. */
  tok_capture_rejected: 'authorizes; refuses every capture',
} as const;

export type SandboxAuthorizeAnswer = 'AUTHORIZE' | 'DECLINE' | 'UNAVAILABLE';
export type SandboxCaptureAnswer = 'CAPTURE' | 'REJECT' | 'UNAVAILABLE';

/** What the sandbox answers for `token` on the order's `attempt`-th authorization request (from 1). */
export const sandboxAuthorizeAnswer = (token: string, attempt: number): SandboxAuthorizeAnswer => {
  switch (token) {
    case 'tok_visa':
    case 'tok_refund_fails':
    case 'tok_capture_flaky':
    case 'tok_capture_rejected':
      return 'AUTHORIZE';
    case 'tok_flaky':
      return attempt <= 2 ? 'UNAVAILABLE' : 'AUTHORIZE';
    case 'tok_error':
      return 'UNAVAILABLE';
    default:
      return 'DECLINE';
  }
};

/** What the sandbox answers for a hold made with `token` on the order's `attempt`-th capture request (from 1). */
export const sandboxCaptureAnswer = (token: string, attempt: number): SandboxCaptureAnswer => {
  switch (token) {
    case 'tok_capture_flaky':
      return attempt <= 2 ? 'UNAVAILABLE' : 'CAPTURE';
    case 'tok_capture_rejected':
      return 'REJECT';
    default:
      return 'CAPTURE';
  }
};

/** Whether voiding or refunding a hold made with `token` fails (transiently, every time). */
export const sandboxReleaseFails = (token: string): boolean => token === 'tok_refund_fails';

export const declineReasonFor = (token: string): string =>
  token === 'tok_declined' ? 'Card declined by the issuer' : 'Unknown card token';
