import { createPublicKey, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root';

// The local stack's identity provider: it signs RS256 JWTs for any customer id. Issuer and
// audience must equal the `local` params in serverless.yml (a test keeps them in step).
export const LOCAL_ISSUER = 'http://127.0.0.1:3000/local-issuer';
export const LOCAL_AUDIENCE = 'order-platform-local';

const KEY_DIRECTORY = join(REPO_ROOT, '.local', 'identity');
const PRIVATE_KEY_PATH = join(KEY_DIRECTORY, 'signing-key.pem');

let cachedKey: { privateKeyPem: string; publicKey: KeyObject; keyId: string } | undefined;

/** A key made on first use and kept under .local/ (never committed), so tokens survive restarts. */
export const localSigningKey = (): { privateKeyPem: string; publicKey: KeyObject; keyId: string } => {
  if (cachedKey) return cachedKey;
  if (!existsSync(PRIVATE_KEY_PATH)) {
    mkdirSync(KEY_DIRECTORY, { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(PRIVATE_KEY_PATH, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const privateKeyPem = readFileSync(PRIVATE_KEY_PATH, 'utf8');
  const publicKey = createPublicKey(privateKeyPem);
  const keyId = publicKey.export({ format: 'jwk' }).n?.slice(0, 16) ?? 'local';
  cachedKey = { privateKeyPem, publicKey, keyId };
  return cachedKey;
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface LocalTokenOptions {
  readonly audience?: string;
  readonly issuer?: string;
  readonly expiresInSeconds?: number;
  readonly scopes?: readonly string[];
  readonly now?: Date;
}

export const signLocalToken = (customerId: string, options: LocalTokenOptions = {}): string => {
  const { privateKeyPem, keyId } = localSigningKey();
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: keyId };
  const claims = {
    iss: options.issuer ?? LOCAL_ISSUER,
    aud: options.audience ?? LOCAL_AUDIENCE,
    sub: customerId,
    iat: issuedAt,
    exp: issuedAt + (options.expiresInSeconds ?? 12 * 60 * 60),
    jti: randomUUID(),
    ...(options.scopes && options.scopes.length > 0 ? { scope: options.scopes.join(' ') } : {}),
  };
  const signingInput = `${base64url(header)}.${base64url(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKeyPem).toString('base64url');
  return `${signingInput}.${signature}`;
};
