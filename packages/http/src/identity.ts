import { UnauthorizedError } from './http-errors';
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
