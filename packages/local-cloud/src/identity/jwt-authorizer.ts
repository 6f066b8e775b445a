import { verify, type KeyObject } from 'node:crypto';

// API Gateway's HTTP API JWT authorizer, as AWS documents it ("Control access to HTTP APIs with JWT
// authorizers", and its troubleshooting page), for the local issuer's one key: the token from the
// identity source, bare or after `Bearer `; an RSA algorithm and a valid signature by a key of the
// issuer (`kid`); `iss` equal to the issuer; `aud` (or, without `aud`, `client_id`) among the
// audiences; `exp` after now; `nbf` and `iat`, when present, before now; and, when the route names
// scopes, at least one of them in `scope` (or `scp`). A failed check is 401, a missing scope 403.

/** What a route's authorizer requires, from serverless.yml as the stage resolves it. */
export interface JwtRequirement {
  readonly issuer: string;
  readonly audiences: readonly string[];
  /** The route's authorizationScopes: the token needs one of them; none means any token will do. */
  readonly scopes: readonly string[];
}

/** The issuer's signing key: the local identity provider's (local-identity.ts). */
export interface IssuerKey {
  readonly publicKey: KeyObject;
  readonly keyId: string;
}

export type JwtVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly status: 401 | 403; readonly description: string };

// API Gateway supports only RSA-based algorithms; JOSE names them with their hash.
const RSA_ALGORITHMS: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

const unauthorized = (description: string): JwtVerdict => ({ allowed: false, status: 401, description });

type Claims = Readonly<Record<string, unknown>>;

const decodePart = (part: string): Claims | undefined => {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return decoded !== null && typeof decoded === 'object' && !Array.isArray(decoded) ? (decoded as Claims) : undefined;
  } catch {
    return undefined;
  }
};

const tokenOf = (identity: string | undefined) => identity?.replace(/^Bearer /i, '').trim() || undefined;

/** Why a correctly signed token's claims do not satisfy the authorizer, if they do not. */
const claimsProblem = (claims: Claims, requirement: JwtRequirement, nowSeconds: number): string | undefined => {
  if (claims.iss !== requirement.issuer) return 'the token does not have a valid issuer';
  const audience = claims.aud ?? claims.client_id;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.some((value) => typeof value === 'string' && requirement.audiences.includes(value))) {
    return 'the token does not have a valid audience';
  }
  if (typeof claims.exp !== 'number') return 'the token has no expiry (exp)';
  if (claims.exp <= nowSeconds) return 'the token has expired';
  if (claims.nbf !== undefined && !(typeof claims.nbf === 'number' && claims.nbf <= nowSeconds)) {
    return 'the token is not valid yet (nbf)';
  }
  if (claims.iat !== undefined && !(typeof claims.iat === 'number' && claims.iat <= nowSeconds)) {
    return 'the token was issued in the future (iat)';
  }
  return undefined;
};

const scopesOf = (claims: Claims): readonly string[] => {
  const granted = claims.scope ?? claims.scp;
  if (typeof granted === 'string') return granted.split(' ');
  return Array.isArray(granted) ? granted.filter((scope): scope is string => typeof scope === 'string') : [];
};

/** Whether the request's identity source (the Authorization header's value) passes the route's JWT authorizer. */
export const authorizeJwt = (
  identity: string | undefined,
  requirement: JwtRequirement,
  key: IssuerKey,
  now: Date = new Date(),
): JwtVerdict => {
  const token = tokenOf(identity);
  if (!token) return unauthorized('no token in the identity source (the Authorization header)');
  const parts = token.split('.');
  const [header, claims] = [decodePart(parts[0] ?? ''), decodePart(parts[1] ?? '')];
  if (parts.length !== 3 || !header || !claims) return unauthorized('the token is not a JWT');
  const hash = typeof header.alg === 'string' ? RSA_ALGORITHMS[header.alg] : undefined;
  if (!hash) return unauthorized(`signing method ${String(header.alg)} is invalid: only RSA algorithms are`);
  if (header.kid !== key.keyId) return unauthorized('the token was not signed by a key of the issuer (kid)');
  const signed = verify(
    hash,
    Buffer.from(`${parts[0]}.${parts[1]}`),
    key.publicKey,
    Buffer.from(parts[2] ?? '', 'base64url'),
  );
  if (!signed) return unauthorized('the token signature is invalid');
  const problem = claimsProblem(claims, requirement, Math.floor(now.getTime() / 1000));
  if (problem) return unauthorized(problem);
  const granted = scopesOf(claims);
  if (requirement.scopes.length > 0 && !requirement.scopes.some((scope) => granted.includes(scope))) {
    return { allowed: false, status: 403, description: 'the token does not have a required scope' };
  }
  return { allowed: true };
};

/**
 * API Gateway's answer to a refused token: `401 {"message":"Unauthorized"}` with the reason in
 * `WWW-Authenticate` (the form AWS documents), or `403 {"message":"Forbidden"}` for a missing scope.
 */
export const jwtRefusal = (verdict: Extract<JwtVerdict, { allowed: false }>, requirement: JwtRequirement) => {
  const body = JSON.stringify({ message: verdict.status === 401 ? 'Unauthorized' : 'Forbidden' });
  const error = verdict.status === 401 ? 'invalid_token' : 'insufficient_scope';
  return {
    status: verdict.status,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'www-authenticate': `Bearer scope="${requirement.scopes.join(' ')}" error="${error}" error_description="${verdict.description}"`,
    },
    body,
  };
};
