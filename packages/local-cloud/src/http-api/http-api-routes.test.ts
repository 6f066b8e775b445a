import { httpApiOf, routeOf } from './http-api-routes';
import type { FunctionDefinition, HttpApiDefinition } from '../step-functions/service-definition';

const fn = (events: FunctionDefinition['events']): FunctionDefinition => ({
  handler: 'services/x/handler.handler',
  name: 'x',
  timeout: 6,
  events,
});

const HTTP_API: HttpApiDefinition = {
  authorizers: {
    customerJwt: {
      type: 'jwt',
      identitySource: '$request.header.Authorization',
      issuerUrl: 'http://127.0.0.1:3000/local-issuer',
      audience: 'order-platform-local',
    },
  },
  cors: { allowedOrigins: ['http://localhost:5173'] },
};

const api = httpApiOf({
  httpApi: HTTP_API,
  functions: {
    anything: fn([{ httpApi: '*' }]),
    getOrder: fn([{ httpApi: { method: 'GET', path: '/orders/{orderId}', authorizer: { name: 'customerJwt' } } }]),
    listExecutions: fn([
      {
        httpApi: {
          method: 'GET',
          path: '/ops/executions',
          authorizer: { name: 'customerJwt', scopes: ['order-platform/ops'] },
        },
      },
    ]),
    getCatalog: fn([{ httpApi: { method: 'GET', path: '/catalog' } }]),
    files: fn([{ httpApi: 'GET /files/{path+}' }]),
    reserveStock: fn(undefined),
  },
});

describe('the HTTP API as serverless.yml declares it', () => {
  it('routes by method and path, one segment per parameter and the rest for a greedy one, before ANY', () => {
    expect(routeOf(api, 'GET', '/orders/o-1')?.routeKey).toBe('GET /orders/{orderId}');
    expect(routeOf(api, 'GET', '/files/a/b.txt')?.routeKey).toBe('GET /files/{path+}');
    expect(routeOf(api, 'GET', '/catalog')?.routeKey).toBe('GET /catalog');
  });

  it('takes no other path for a route: a trailing slash or another segment is not it', () => {
    const withoutCatchAll = { ...api, routes: api.routes.filter((route) => route.method !== '*') };
    expect(routeOf(withoutCatchAll, 'GET', '/orders/o-1/')).toBeUndefined();
    expect(routeOf(withoutCatchAll, 'GET', '/orders/o-1/x')).toBeUndefined();
    expect(routeOf(withoutCatchAll, 'POST', '/catalog')).toBeUndefined();
    expect(routeOf(withoutCatchAll, 'GET', '/catalog.json')).toBeUndefined();
  });

  it('lets an ANY route take what no other does', () => {
    expect(routeOf(api, 'DELETE', '/whatever')?.routeKey).toBe('* /{proxy+}');
  });

  it('gives each route its JWT authorizer’s issuer, audiences, scopes and identity header', () => {
    expect(routeOf(api, 'GET', '/ops/executions')?.jwt).toEqual({
      issuer: 'http://127.0.0.1:3000/local-issuer',
      audiences: ['order-platform-local'],
      scopes: ['order-platform/ops'],
      identityHeader: 'authorization',
    });
    expect(routeOf(api, 'GET', '/orders/o-1')?.jwt?.scopes).toEqual([]);
    expect(routeOf(api, 'GET', '/catalog')?.jwt).toBeUndefined();
  });

  it('knows the stage’s CORS origins: named, all (cors: true), or none', () => {
    expect(api.cors?.allowOrigins).toEqual(['http://localhost:5173']);
    expect(httpApiOf({ httpApi: { cors: true }, functions: {} }).cors?.allowOrigins).toEqual(['*']);
    expect(httpApiOf({ httpApi: {}, functions: {} }).cors).toBeUndefined();
  });

  it('refuses to run an authorizer it cannot (a Lambda authorizer) rather than let requests through', () => {
    expect(() =>
      httpApiOf({
        httpApi: { authorizers: { custom: { type: 'request' } } },
        functions: { x: fn([{ httpApi: { method: 'GET', path: '/x', authorizer: { name: 'custom' } } }]) },
      }),
    ).toThrow('the local stack runs JWT authorizers only, not custom');
  });
});
