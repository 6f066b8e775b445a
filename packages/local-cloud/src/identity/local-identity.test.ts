import { createVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../repo-root';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localSigningKey, signLocalToken } from './local-identity';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('local tokens', () => {
  it('carry the customer as sub, the local issuer and audience, and an expiry', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const [header, claims] = signLocalToken('alice', { now })
      .split('.')
      .map((part, i) => (i < 2 ? decode(part) : part));

    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(claims).toMatchObject({
      sub: 'alice',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
      exp: now.getTime() / 1000 + 43200,
    });
  });

  it('are signed with the local key', () => {
    const [header, claims, signature] = signLocalToken('bob').split('.') as [string, string, string];
    const valid = createVerify('RSA-SHA256')
      .update(`${header}.${claims}`)
      .verify(localSigningKey().publicKey, Buffer.from(signature, 'base64url'));
    expect(valid).toBe(true);
  });

  it('name the issuer and audience that the local stage of serverless.yml trusts', () => {
    const config = parse(readFileSync(join(REPO_ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'silent' }) as {
      params: { local: { jwtIssuer: string; jwtAudience: string } };
    };
    expect(config.params.local).toMatchObject({ jwtIssuer: LOCAL_ISSUER, jwtAudience: LOCAL_AUDIENCE });
  });
});
