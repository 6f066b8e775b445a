import { corsConfigurationOf, preflightHeaders, responseCorsHeaders, withApiCors } from './http-api-cors';

// The rules beyond this service's own configuration (api-front.test.ts covers that over HTTP).

describe('an HTTP API’s CORS configuration', () => {
  it('is none without `cors` or with `cors: false`, every origin with `cors: true`', () => {
    expect(corsConfigurationOf(undefined)).toBeUndefined();
    expect(corsConfigurationOf(false)).toBeUndefined();
    expect(corsConfigurationOf(true)).toEqual({
      allowOrigins: ['*'],
      allowHeaders: [],
      allowMethods: [],
      exposeHeaders: [],
      allowCredentials: false,
    });
    expect(corsConfigurationOf({})?.allowOrigins).toEqual([]);
  });

  it('answers `*` to any origin of a wildcard API, and says credentials are allowed when they are', () => {
    const cors = corsConfigurationOf({
      allowedOrigins: ['*'],
      allowCredentials: true,
      exposedResponseHeaders: ['Date'],
    });
    expect(responseCorsHeaders(cors, 'https://any.example.com')).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'Date',
    });
    expect(
      preflightHeaders(cors, { origin: 'https://any.example.com', 'access-control-request-method': 'GET' }),
    ).toEqual({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' });
  });

  it('gives nothing to a request without Origin', () => {
    const cors = corsConfigurationOf({ allowedOrigins: ['*'] });
    expect(responseCorsHeaders(cors, undefined)).toEqual({});
    expect(preflightHeaders(cors, { 'access-control-request-method': 'GET' })).toEqual({});
  });

  it('drops the integration’s CORS headers, whatever their case, only when the API has a configuration', () => {
    const answered = { 'Access-Control-Allow-Origin': 'https://evil.example.com', 'content-type': 'text/plain' };
    const cors = corsConfigurationOf({ allowedOrigins: ['https://shop.example.com'] });
    expect(withApiCors(cors, 'https://evil.example.com', answered)).toEqual({ 'content-type': 'text/plain' });
    expect(withApiCors(undefined, 'https://evil.example.com', answered)).toBe(answered);
  });
});
