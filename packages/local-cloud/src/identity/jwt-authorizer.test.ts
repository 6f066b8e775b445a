import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { authorizeJwt, jwtRefusal, type JwtRequirement } from './jwt-authorizer';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localSigningKey, signLocalToken } from './local-identity';

const OPS = 'order-platform/ops';
const CUSTOMER_ROUTE: JwtRequirement = { issuer: LOCAL_ISSUER, audiences: [LOCAL_AUDIENCE], scopes: [] };
const OPS_ROUTE: JwtRequirement = { ...CUSTOMER_ROUTE, scopes: [OPS] };
const NOW = new Date('2026-12-02T08:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

const key = () => localSigningKey();
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const validClaims = (extra: Record<string, unknown> = {}) => ({
  iss: LOCAL_ISSUER,
  aud: LOCAL_AUDIENCE,
  sub: 'mallory',
  iat: nowSeconds - 60,
  exp: nowSeconds + 3600,
  ...extra,
});

/** A token signed RS256 with `privateKey` (the local issuer's unless given), any header and claims. */
const signed = (
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
  privateKey = key().privateKeyPem,
) => {
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid: key().keyId, ...header })}.${part(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
};

const refusedWith = (status: number, description: RegExp) => ({
  allowed: false,
  status,
  description: expect.stringMatching(description),
});

describe('the local JWT authorizer', () => {
  it('passes a token `npm run token` prints, with or without "Bearer "', () => {
    const token = signLocalToken('alice', { now: NOW });
    expect(authorizeJwt(`Bearer ${token}`, CUSTOMER_ROUTE, key(), NOW)).toEqual({ allowed: true });
    expect(authorizeJwt(token, CUSTOMER_ROUTE, key(), NOW)).toEqual({ allowed: true });
  });

  it('passes an ops token on an ops route, with the scope in `scope` or in `scp`', () => {
    expect(authorizeJwt(signLocalToken('ops-1', { scopes: [OPS], now: NOW }), OPS_ROUTE, key(), NOW)).toEqual({
      allowed: true,
    });
    expect(authorizeJwt(signed(validClaims({ scp: ['other', OPS] })), OPS_ROUTE, key(), NOW)).toEqual({
      allowed: true,
    });
  });

  it('takes `client_id` for the audience only when there is no `aud`, and `aud` as a list', () => {
    const { aud: _aud, ...withoutAud } = validClaims();
    expect(authorizeJwt(signed({ ...withoutAud, client_id: LOCAL_AUDIENCE }), CUSTOMER_ROUTE, key(), NOW)).toEqual({
      allowed: true,
    });
    expect(authorizeJwt(signed(validClaims({ aud: ['x', LOCAL_AUDIENCE] })), CUSTOMER_ROUTE, key(), NOW)).toEqual({
      allowed: true,
    });
    expect(
      authorizeJwt(signed(validClaims({ aud: 'someone-else', client_id: LOCAL_AUDIENCE })), CUSTOMER_ROUTE, key(), NOW),
    ).toEqual(refusedWith(401, /valid audience/));
  });

  describe('refuses with 401', () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const noneToken = `${part({ alg: 'none', typ: 'JWT' })}.${part(validClaims({ scope: OPS }))}.`;
    const hs256Input = `${part({ alg: 'HS256', typ: 'JWT', kid: key().keyId })}.${part(validClaims({ scope: OPS }))}`;
    const hs256Token = `${hs256Input}.${createHmac('sha256', 'guessed').update(hs256Input).digest('base64url')}`;
    const { exp: _exp, ...withoutExpiry } = validClaims();
    const genuine = signLocalToken('alice', { now: NOW });
    const [genuineHeader, , genuineSignature] = genuine.split('.');

    it.each([
      ['no token', undefined, /no token/],
      ['an empty bearer', 'Bearer ', /no token/],
      ['a token that is not a JWT', 'not-a-jwt', /not a JWT/],
      ['a token whose claims are not JSON', `${part({ alg: 'RS256' })}.bm90IGpzb24.sig`, /not a JWT/],
      ['alg: none', noneToken, /signing method none is invalid/],
      ['another algorithm (HS256 with a guessed secret)', hs256Token, /signing method HS256 is invalid/],
      [
        'a token signed by another key under the issuer’s kid',
        signed(validClaims(), {}, otherKey),
        /signature is invalid/,
      ],
      ['a token naming another key', signed(validClaims(), { kid: 'elsewhere' }), /kid/],
      [
        'a genuine signature over forged claims',
        `${genuineHeader}.${part(validClaims({ scope: OPS }))}.${genuineSignature}`,
        /signature is invalid/,
      ],
      ['a token without exp', signed(withoutExpiry), /no expiry/],
      ['an expired token', signed(validClaims({ exp: nowSeconds - 1 })), /expired/],
      ['a token not valid yet', signed(validClaims({ nbf: nowSeconds + 60 })), /not valid yet/],
      ['a token issued in the future', signed(validClaims({ iat: nowSeconds + 60 })), /issued in the future/],
      ['another issuer', signed(validClaims({ iss: 'https://evil.example.com/' })), /valid issuer/],
      ['another audience', signed(validClaims({ aud: 'someone-else' })), /valid audience/],
      ['no audience', signed(validClaims({ aud: undefined })), /valid audience/],
    ])('%s', (_, identity, description) => {
      expect(authorizeJwt(identity, OPS_ROUTE, key(), NOW)).toEqual(refusedWith(401, description));
    });
  });

  it('refuses with 403 a valid token without the route’s scope', () => {
    expect(authorizeJwt(signLocalToken('alice', { now: NOW }), OPS_ROUTE, key(), NOW)).toEqual(
      refusedWith(403, /required scope/),
    );
  });

  it('answers as API Gateway does: the body says Unauthorized or Forbidden, WWW-Authenticate says why', () => {
    const unauthorized = jwtRefusal({ allowed: false, status: 401, description: 'the token has expired' }, OPS_ROUTE);
    expect(unauthorized).toEqual({
      status: 401,
      headers: expect.objectContaining({
        'content-type': 'application/json',
        'www-authenticate': `Bearer scope="${OPS}" error="invalid_token" error_description="the token has expired"`,
      }),
      body: '{"message":"Unauthorized"}',
    });
    const forbidden = jwtRefusal({ allowed: false, status: 403, description: 'no scope' }, OPS_ROUTE);
    expect(forbidden).toMatchObject({ status: 403, body: '{"message":"Forbidden"}' });
    expect(forbidden.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });
});
