import { ForbiddenError, UnauthorizedError } from './http-errors';
import type { HttpEvent } from './http-types';

/**
 * The customer is the verified token's `sub`, which API Gateway (and serverless-offline 14, as
 * the end-to-end tests show) puts under `authorizer.jwt.claims`.
 */
export const customerIdOf = (event: Pick<HttpEvent, 'requestContext'>): string => {
  const subject = event.requestContext.authorizer?.jwt?.claims?.sub;
  if (typeof subject !== 'string' || subject.length === 0) throw new UnauthorizedError();
  return subject;
};

/**
 * The token's scopes: API Gateway lists them under `authorizer.jwt.scopes` only on routes that
 * require scopes (null elsewhere), so the `scope` (space-separated) or `scp` claim counts too.
 */
const spaceSeparated = (claim: unknown): string[] =>
  typeof claim === 'string' ? claim.split(' ').filter(Boolean) : [];

const scopesOf = (event: Pick<HttpEvent, 'requestContext'>): readonly string[] => {
  const jwt = event.requestContext.authorizer?.jwt;
  const claimed = jwt?.claims?.scope ?? jwt?.claims?.scp;
  const fromClaims = Array.isArray(claimed) ? claimed.map(String) : spaceSeparated(claimed);
  return [...(Array.isArray(jwt?.scopes) ? jwt.scopes : []), ...fromClaims];
};

/** Whether the verified token carries `scope`: for routes any customer may call, where ops may do more. */
export const hasScope = (event: Pick<HttpEvent, 'requestContext'>, scope: string): boolean =>
  scopesOf(event).includes(scope);

/**
 * Refuses a token without `scope` (403). The route's authorizer already checks it on AWS and in
 * serverless-offline; the handler checks again so a route wired without scopes cannot leak.
 */
export const requireScope = (event: Pick<HttpEvent, 'requestContext'>, scope: string): string => {
  const subject = customerIdOf(event);
  if (!hasScope(event, scope)) throw new ForbiddenError(scope);
  return subject;
};
