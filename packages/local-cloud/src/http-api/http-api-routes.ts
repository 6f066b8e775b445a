import type { JwtRequirement } from '../identity/jwt-authorizer';
import type { ServiceDefinition } from '../step-functions/service-definition';
import { corsConfigurationOf, type CorsConfiguration } from './http-api-cors';

/** A route of the HTTP API as the stage deploys it, and the JWT authorizer that guards it, if any. */
export interface HttpApiRoute {
  /** `GET /orders/{orderId}`, as API Gateway names route keys. */
  readonly routeKey: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly jwt?: JwtRequirement & {
    /** The header the authorizer reads its token from (its identity source). */
    readonly identityHeader: string;
  };
}

export interface HttpApi {
  readonly routes: readonly HttpApiRoute[];
  /** The stage's CORS configuration (`provider.httpApi.cors`); none, no CORS. */
  readonly cors: CorsConfiguration | undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/orders/{orderId}` → one segment; `{proxy+}` → the rest of the path, as API Gateway matches. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        if (!part.startsWith('{')) return escapeRegExp(part);
        return part.endsWith('+}') ? '.+' : '[^/]+';
      })
      .join('')}$`,
  );

const asList = (value: string | readonly string[] | undefined): readonly string[] => {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
};

/**
 * The routes serverless.yml gives the stage's HTTP API (every function's `httpApi` events) with
 * each one's JWT authorizer (`provider.httpApi.authorizers`): what API Gateway would route and check.
 */
export const httpApiOf = (service: Pick<ServiceDefinition, 'functions' | 'httpApi'>): HttpApi => {
  const authorizers = service.httpApi.authorizers ?? {};
  const routes = Object.values(service.functions).flatMap((fn) =>
    (fn.events ?? []).flatMap(({ httpApi }) => {
      if (httpApi === undefined) return [];
      const [method = '*', path = '/{proxy+}'] =
        typeof httpApi === 'string' ? httpApi.split(' ') : [httpApi.method, httpApi.path];
      const authorizerRef = typeof httpApi === 'string' ? undefined : httpApi.authorizer;
      const authorizer = authorizerRef && authorizers[authorizerRef.name];
      if (authorizerRef && authorizer?.type?.toLowerCase() !== 'jwt') {
        throw new Error(
          `route ${method} ${path}: the local stack runs JWT authorizers only, not ${authorizerRef.name}`,
        );
      }
      const route: HttpApiRoute = {
        routeKey: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        pattern: patternOf(path),
        ...(authorizer && authorizerRef
          ? {
              jwt: {
                issuer: authorizer.issuerUrl ?? '',
                audiences: asList(authorizer.audience),
                scopes: authorizerRef.scopes ?? [],
                identityHeader: (authorizer.identitySource ?? '$request.header.Authorization')
                  .replace(/^\$request\.header\./, '')
                  .toLowerCase(),
              },
            }
          : {}),
      };
      return [route];
    }),
  );
  return { routes, cors: corsConfigurationOf(service.httpApi.cors) };
};

const isAny = (route: HttpApiRoute) => route.method === '*' || route.method === 'ANY';

/** The route a request takes: its method and path exactly; an ANY route only when no other matches. */
export const routeOf = (api: HttpApi, method: string, pathname: string): HttpApiRoute | undefined =>
  api.routes.find((route) => route.method === method && route.pattern.test(pathname)) ??
  api.routes.find((route) => isAny(route) && route.pattern.test(pathname));

/** The API with `origins` allowed too, when it has a CORS configuration (duplicates dropped). */
export const withAllowedOrigins = <T extends { readonly cors: CorsConfiguration | undefined }>(
  api: T,
  origins: readonly string[],
): T =>
  api.cors === undefined
    ? api
    : { ...api, cors: { ...api.cors, allowOrigins: [...new Set([...api.cors.allowOrigins, ...origins])] } };
