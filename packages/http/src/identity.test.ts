import { ForbiddenError, UnauthorizedError } from './http-errors';
import { customerIdOf, hasScope, requireScope } from './identity';
import { anHttpEvent } from './testing';

describe('customerIdOf', () => {
  it('is the sub claim API Gateway verified', () => {
    expect(customerIdOf(anHttpEvent({ customerId: 'cus_42' }))).toBe('cus_42');
  });

  it('refuses a request with no subject', () => {
    expect(() => customerIdOf(anHttpEvent({ customerId: null }))).toThrow(UnauthorizedError);
    expect(() => customerIdOf(anHttpEvent({ customerId: '' }))).toThrow(UnauthorizedError);
  });

  it('refuses, as Unauthorized and not as a crash, a request that reached no authorizer', () => {
    const event = anHttpEvent();
    const withAuthorizer = (authorizer: unknown) => ({
      ...event,
      requestContext: { ...event.requestContext, authorizer } as typeof event.requestContext,
    });

    for (const authorizer of [undefined, {}, { jwt: {} }]) {
      expect(() => customerIdOf(withAuthorizer(authorizer))).toThrow(UnauthorizedError);
      expect(() => requireScope(withAuthorizer(authorizer), 'order-platform/ops')).toThrow(UnauthorizedError);
    }
  });
});

describe('requireScope', () => {
  const withClaims = (claims: Record<string, unknown>) => {
    const event = anHttpEvent();
    return {
      ...event,
      requestContext: {
        ...event.requestContext,
        authorizer: {
          ...event.requestContext.authorizer,
          jwt: { claims: { sub: 'ops-1', ...claims }, scopes: null as unknown as string[] },
        },
      },
    };
  };

  it('lets through a token whose verified scopes include the one required, and names its subject', () => {
    expect(
      requireScope(anHttpEvent({ customerId: 'ops-1', scopes: ['order-platform/ops'] }), 'order-platform/ops'),
    ).toBe('ops-1');
  });

  it('reads the scope claim (space-separated) or the scp claim (a list) where API Gateway lists none', () => {
    expect(requireScope(withClaims({ scope: 'openid order-platform/ops' }), 'order-platform/ops')).toBe('ops-1');
    expect(requireScope(withClaims({ scope: 'openid  order-platform/ops ' }), 'order-platform/ops')).toBe('ops-1');
    expect(requireScope(withClaims({ scp: ['order-platform/ops'] }), 'order-platform/ops')).toBe('ops-1');
  });

  it('tells a route any customer may call whether the caller holds the scope too', () => {
    expect(hasScope(withClaims({ scope: 'openid order-platform/ops' }), 'order-platform/ops')).toBe(true);
    expect(hasScope(anHttpEvent({ customerId: 'alice' }), 'order-platform/ops')).toBe(false);
  });

  it('answers Forbidden for a customer token, and Unauthorized with no subject', () => {
    expect(() => requireScope(anHttpEvent({ scopes: ['orders/read'] }), 'order-platform/ops')).toThrow(ForbiddenError);
    expect(() => requireScope(withClaims({ scope: 42 }), 'order-platform/ops')).toThrow(ForbiddenError);
    expect(() => requireScope(withClaims({}), 'order-platform/ops')).toThrow(ForbiddenError);
    expect(() => requireScope(withClaims({ scope: '' }), '')).toThrow(ForbiddenError);
    expect(() => requireScope(anHttpEvent({ customerId: null }), 'order-platform/ops')).toThrow(UnauthorizedError);
  });
});
