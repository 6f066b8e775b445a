import {
  declineReasonFor,
  sandboxAuthorizeAnswer,
  sandboxCaptureAnswer,
  sandboxReleaseFails,
  SANDBOX_TOKENS,
} from './sandbox-cards';

describe('sandbox test tokens', () => {
  it.each([
    ['tok_visa', [1, 2, 3], ['AUTHORIZE', 'AUTHORIZE', 'AUTHORIZE']],
    ['tok_declined', [1, 2], ['DECLINE', 'DECLINE']],
    ['tok_flaky', [1, 2, 3, 4], ['UNAVAILABLE', 'UNAVAILABLE', 'AUTHORIZE', 'AUTHORIZE']],
    ['tok_error', [1, 2, 3, 10], ['UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE']],
    ['tok_refund_fails', [1], ['AUTHORIZE']],
    ['tok_capture_flaky', [1], ['AUTHORIZE']],
    ['tok_capture_rejected', [1], ['AUTHORIZE']],
    ['tok_unknown', [1], ['DECLINE']],
  ])('%s answers an authorization by attempt', (token, attempts, answers) => {
    expect(attempts.map((attempt) => sandboxAuthorizeAnswer(token, attempt))).toEqual(answers);
  });

  it.each([
    ['tok_visa', [1, 2], ['CAPTURE', 'CAPTURE']],
    ['tok_capture_flaky', [1, 2, 3, 4], ['UNAVAILABLE', 'UNAVAILABLE', 'CAPTURE', 'CAPTURE']],
    ['tok_capture_rejected', [1, 2, 5], ['REJECT', 'REJECT', 'REJECT']],
  ])('%s answers a capture by attempt', (token, attempts, answers) => {
    expect(attempts.map((attempt) => sandboxCaptureAnswer(token, attempt))).toEqual(answers);
  });

  it('fails voids and refunds for tok_refund_fails only', () => {
    expect(Object.keys(SANDBOX_TOKENS).filter(sandboxReleaseFails)).toEqual(['tok_refund_fails']);
  });

  it('documents every token it knows and explains declines', () => {
    expect(Object.keys(SANDBOX_TOKENS)).toEqual([
      'tok_visa',
      'tok_declined',
      'tok_flaky',
      'tok_error',
      'tok_refund_fails',
      'tok_capture_flaky',
      'tok_capture_rejected',
    ]);
    expect(declineReasonFor('tok_declined')).toBe('Card declined by the issuer');
    expect(declineReasonFor('tok_x')).toBe('Unknown card token');
  });
});
