import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { HttpApiDefinition } from '../step-functions/service-definition';

// API Gateway HTTP APIs answer CORS themselves once the API has a CORS configuration
// (serverless.yml's `provider.httpApi.cors`): every OPTIONS preflight gets 204 from API Gateway,
// never from a route, and an ordinary response gets the configured headers, with whatever CORS
// headers the integration returned ignored. The headers go only to a request whose Origin is
// allowed (a preflight must also name its Access-Control-Request-Method); any other origin gets
// the same answer with no Access-Control-* header, and the browser refuses to read it.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html

/** The API's CORS configuration, as API Gateway holds it. */
export interface CorsConfiguration {
  readonly allowOrigins: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly allowMethods: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge?: number;
  readonly allowCredentials: boolean;
}

/**
 * serverless.yml's `cors` as the stage resolves it. `cors: true` is read as every origin; its
 * default header and method lists are not modelled (this service names its lists).
 */
export const corsConfigurationOf = (cors: HttpApiDefinition['cors']): CorsConfiguration | undefined => {
  if (cors === undefined || cors === false) return undefined;
  const named = typeof cors === 'object' ? cors : {};
  return {
    allowOrigins: named.allowedOrigins ?? (cors === true ? ['*'] : []),
    allowHeaders: named.allowedHeaders ?? [],
    allowMethods: named.allowedMethods ?? [],
    exposeHeaders: named.exposedResponseHeaders ?? [],
    ...(named.maxAge === undefined ? {} : { maxAge: named.maxAge }),
    allowCredentials: named.allowCredentials ?? false,
  };
};

const single = (value: string | readonly string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) as string | undefined;

/** The Access-Control-Allow-Origin an origin earns: itself, `*` for a wildcard API, or none. */
const allowedOrigin = (cors: CorsConfiguration | undefined, origin: string | undefined) => {
  if (!cors || origin === undefined) return undefined;
  if (cors.allowOrigins.includes(origin)) return origin;
  return cors.allowOrigins.includes('*') ? '*' : undefined;
};

const credentials = (cors: CorsConfiguration): Record<string, string> =>
  cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {};

/** `name: a,b` for a list that has members; a header with no value is not sent. */
const listed = (name: string, values: readonly string[]): Record<string, string> =>
  values.length > 0 ? { [name]: values.join(',') } : {};

/** The headers of API Gateway's 204 to an OPTIONS request. */
export const preflightHeaders = (
  cors: CorsConfiguration | undefined,
  request: IncomingHttpHeaders,
): Record<string, string> => {
  const origin = allowedOrigin(cors, single(request.origin));
  if (!cors || origin === undefined || single(request['access-control-request-method']) === undefined) return {};
  return {
    'access-control-allow-origin': origin,
    ...credentials(cors),
    ...listed('access-control-allow-methods', cors.allowMethods),
    ...listed('access-control-allow-headers', cors.allowHeaders),
    ...listed('access-control-max-age', cors.maxAge === undefined ? [] : [String(cors.maxAge)]),
  };
};

/** The CORS headers API Gateway adds to an ordinary response (its own refusals included). */
export const responseCorsHeaders = (
  cors: CorsConfiguration | undefined,
  origin: string | readonly string[] | undefined,
): Record<string, string> => {
  const allowed = allowedOrigin(cors, single(origin));
  if (!cors || allowed === undefined) return {};
  return {
    'access-control-allow-origin': allowed,
    ...credentials(cors),
    ...listed('access-control-expose-headers', cors.exposeHeaders),
  };
};

/**
 * An integration's answer as API Gateway passes it on under a CORS configuration: its own
 * Access-Control-* headers dropped, the configured ones added for an allowed origin.
 */
export const withApiCors = (
  cors: CorsConfiguration | undefined,
  origin: string | readonly string[] | undefined,
  answered: OutgoingHttpHeaders,
): OutgoingHttpHeaders => {
  if (!cors) return answered;
  const kept = Object.fromEntries(
    Object.entries(answered).filter(([name]) => !name.toLowerCase().startsWith('access-control-')),
  );
  return { ...kept, ...responseCorsHeaders(cors, origin) };
};
