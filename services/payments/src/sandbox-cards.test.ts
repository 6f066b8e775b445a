import { declineReasonFor, sandboxChargeAnswer, SANDBOX_TOKENS } from './sandbox-cards';

describe('sandbox test tokens', () => {
  it.each([
    ['tok_visa', [1, 2, 3], ['APPROVE', 'APPROVE', 'APPROVE']],
    ['tok_declined', [1, 2], ['DECLINE', 'DECLINE']],
    ['tok_flaky', [1, 2, 3, 4], ['UNAVAILABLE', 'UNAVAILABLE', 'APPROVE', 'APPROVE']],
    ['tok_error', [1, 2, 3, 10], ['UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE', 'UNAVAILABLE']],
    ['tok_refund_fails', [1], ['APPROVE']],
    ['tok_unknown', [1], ['DECLINE']],
  ])('%s answers by attempt', (token, attempts, answers) => {
    expect(attempts.map((attempt) => sandboxChargeAnswer(token, attempt))).toEqual(answers);
  });

  it('documents every token it knows and explains declines', () => {
    expect(Object.keys(SANDBOX_TOKENS)).toEqual([
      'tok_visa',
      'tok_declined',
      'tok_flaky',
      'tok_error',
      'tok_refund_fails',
    ]);
    expect(declineReasonFor('tok_declined')).toBe('Card declined by the issuer');
    expect(declineReasonFor('tok_x')).toBe('Unknown card token');
  });
});
