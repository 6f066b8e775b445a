import { UnauthorizedError } from './http-errors';
import { customerIdOf } from './identity';
import { anHttpEvent } from './testing';

describe('customerIdOf', () => {
  it('is the sub claim API Gateway verified', () => {
    expect(customerIdOf(anHttpEvent({ customerId: 'cus_42' }))).toBe('cus_42');
  });

  it('also reads claims where older serverless-offline versions put them', () => {
    const event = anHttpEvent();
    (event.requestContext as { authorizer: unknown }).authorizer = { claims: { sub: 'cus_7' } };
    expect(customerIdOf(event)).toBe('cus_7');
  });

  it('refuses a request with no subject', () => {
    expect(() => customerIdOf(anHttpEvent({ customerId: null }))).toThrow(UnauthorizedError);
  });
});
