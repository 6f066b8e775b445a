import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localSigningKey } from '@order-platform/local-cloud';

// Tokens an attacker can make without the local issuer's private key, each with the claims of a
// valid token (issuer, audience, a future exp) and whatever subject and scope they want.

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const rs256 = (input: string, privateKey: string) =>
  createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');

export const forgedTokens = (subject: string, scope?: string) => {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: LOCAL_ISSUER,
    aud: LOCAL_AUDIENCE,
    sub: subject,
    iat: now,
    exp: now + 3600,
    ...(scope ? { scope } : {}),
  };
  const { keyId, privateKeyPem } = localSigningKey();
  const header = { alg: 'RS256', typ: 'JWT', kid: keyId };
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  const signedBy = (privateKey: string, payload: unknown) => {
    const input = `${part(header)}.${part(payload)}`;
    return `${input}.${rs256(input, privateKey)}`;
  };
  const hs256Input = `${part({ ...header, alg: 'HS256' })}.${part(claims)}`;
  const { exp: _exp, ...withoutExpiry } = claims;
  return {
    'alg: none': `${part({ typ: 'JWT', alg: 'none' })}.${part(claims)}.`,
    'HS256 with a guessed secret': `${hs256Input}.${createHmac('sha256', 'secret').update(hs256Input).digest('base64url')}`,
    'signed by another key': signedBy(otherKey, claims),
    // The local issuer's own key, so only the missing exp is wrong.
    'without exp': signedBy(privateKeyPem, withoutExpiry),
  };
};
