import { OPS_SCOPE } from '@order-platform/ops';
import * as z from 'zod/mini';
import { ListExecutionsQuerySchema } from './list-executions-query';
import { ROUTES } from './routes';

describe('the API’s table of routes', () => {
  it('has one row per method and path, and one function per row', () => {
    const keys = ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(ROUTES.map((route) => route.functionName)).size).toBe(ROUTES.length);
  });

  it('puts the ops routes behind the ops scope, the catalog in the open, and the rest behind a customer’s token', () => {
    const access = Object.fromEntries(ROUTES.map((route) => [`${route.method} ${route.path}`, route.access]));
    expect(access).toEqual({
      'POST /orders': { kind: 'customer' },
      'GET /orders': { kind: 'customer' },
      'GET /orders/{orderId}': { kind: 'customer' },
      'POST /orders/{orderId}/cancel': { kind: 'customer' },
      'GET /catalog': { kind: 'public' },
      'GET /ops/orders/{orderId}/execution': { kind: 'ops', scope: OPS_SCOPE },
      'GET /ops/executions': { kind: 'ops', scope: OPS_SCOPE },
    });
  });

  it('answers every success with a schema the OpenAPI document can name', () => {
    const bodies = ROUTES.flatMap((route) => Object.values(route.answers).flatMap((answer) => answer.body ?? []));
    expect(bodies.length).toBeGreaterThanOrEqual(ROUTES.length);
    for (const body of bodies) expect(z.globalRegistry.get(body)?.id).toEqual(expect.any(String));
  });

  it('names in its path every path parameter it describes', () => {
    for (const route of ROUTES) {
      for (const name of Object.keys(route.pathParameters ?? {})) expect(route.path).toContain(`{${name}}`);
    }
  });
});

describe('ListExecutionsQuerySchema', () => {
  it('defaults the page size, and takes a status, a window and a page token', () => {
    expect(ListExecutionsQuerySchema.parse({})).toEqual({ limit: 25 });
    expect(ListExecutionsQuerySchema.parse({ status: 'FAILED', since: '2h', limit: '10', nextToken: 't' })).toEqual({
      status: 'FAILED',
      since: '2h',
      limit: 10,
      nextToken: 't',
    });
  });

  it.each([{ status: 'BROKEN' }, { limit: '0' }, { since: '' }, { unknown: 'x' }])('refuses %j', (query) => {
    expect(ListExecutionsQuerySchema.safeParse(query).success).toBe(false);
  });
});
