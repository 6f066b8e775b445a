import { UnauthorizedError } from './http-errors';
import type { HttpEvent } from './http-types';

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * The customer is the verified token's `sub`. API Gateway puts JWT claims under
 * `authorizer.jwt.claims`; some serverless-offline versions used `authorizer.claims` (#1058).
 */
export const customerIdOf = (event: Pick<HttpEvent, 'requestContext'>): string => {
  const authorizer = event.requestContext.authorizer as { jwt?: { claims?: Claims }; claims?: Claims } | undefined;
  const subject = (authorizer?.jwt?.claims ?? authorizer?.claims)?.sub;
  if (typeof subject !== 'string' || subject.length === 0) throw new UnauthorizedError();
  return subject;
};
