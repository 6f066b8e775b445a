import { UnauthorizedError } from './http-errors';
import { customerIdOf } from './identity';
import { anHttpEvent } from './testing';

describe('customerIdOf', () => {
  it('is the sub claim API Gateway verified', () => {
    expect(customerIdOf(anHttpEvent({ customerId: 'cus_42' }))).toBe('cus_42');
  });

  it('refuses a request with no subject', () => {
    expect(() => customerIdOf(anHttpEvent({ customerId: null }))).toThrow(UnauthorizedError);
  });
});
