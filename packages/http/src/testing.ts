import type { HttpEvent } from './http-types';

/** An HTTP API (payload 2.0) event as API Gateway delivers it after the JWT authorizer. */
export const anHttpEvent = (
  overrides: Partial<Omit<HttpEvent, 'requestContext'>> & {
    customerId?: string | null;
    /** The scopes API Gateway verified on a route that requires them. */
    scopes?: string[];
  } = {},
): HttpEvent => {
  const { customerId = 'customer-1', scopes = [], ...rest } = overrides;
  return {
    version: '2.0',
    routeKey: 'GET /',
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'request-1',
      routeKey: 'GET /',
      stage: '$default',
      time: '21/Nov/2026:10:00:00 +0000',
      timeEpoch: 0,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: customerId === null ? {} : { sub: customerId }, scopes },
      },
    },
    ...rest,
  };
};
