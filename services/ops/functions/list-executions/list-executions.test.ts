import { anHttpEvent } from '@order-platform/http/testing';
import { OPS_SCOPE, type ExecutionPage, type ListExecutionsQuery } from '@order-platform/ops';
import type { Context } from 'aws-lambda';
import { listExecutionsHandler } from './list-executions';

const context = {} as Context;
const page: ExecutionPage = {
  executions: [
    {
      orderId: 'order-1',
      executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:wf:order-1',
      status: 'FAILED',
      startedAt: '2026-11-21T11:59:00.000Z',
      stoppedAt: '2026-11-21T11:59:01.000Z',
      durationMs: 1000,
    },
  ],
  nextToken: 'next-page',
};

const setUp = () => {
  const queries: ListExecutionsQuery[] = [];
  const handler = listExecutionsHandler({
    executions: {
      listPage: async (query = {}) => {
        queries.push(query);
        return page;
      },
    },
    clock: () => new Date('2026-11-21T12:00:00.000Z'),
  });
  const list = (query: Record<string, string>, scopes = [OPS_SCOPE]) =>
    handler(anHttpEvent({ queryStringParameters: query, scopes, customerId: 'ops-1' }), context);
  return { list, queries };
};

describe('GET /ops/executions', () => {
  it('lists one page of executions with the token for the next', async () => {
    const { list, queries } = setUp();

    const result = await list({});

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body as string)).toEqual(page);
    expect(queries).toEqual([{ pageSize: 25 }]);
  });

  it('reads a request with no query string as the first page', async () => {
    const { queries } = setUp();
    const handler = listExecutionsHandler({
      executions: { listPage: async (query = {}) => (queries.push(query), page) },
      clock: () => new Date(),
    });

    const result = await handler(anHttpEvent({ scopes: [OPS_SCOPE] }), context);

    expect(result.statusCode).toBe(200);
    expect(queries).toEqual([{ pageSize: 25 }]);
  });

  it('passes the status, the window, the page size and the page token on', async () => {
    const { list, queries } = setUp();

    await list({ status: 'FAILED', since: '15m', limit: '10', nextToken: 'next-page' });

    expect(queries).toEqual([
      { status: 'FAILED', since: new Date('2026-11-21T11:45:00.000Z'), pageSize: 10, nextToken: 'next-page' },
    ]);
  });

  it.each([
    [{ status: 'DONE' }, '/status'],
    [{ since: 'last week' }, '/since'],
    [{ limit: '0' }, '/limit'],
    [{ cursor: 'x' }, '/cursor'],
  ])('answers 400 for %p, naming %s, and reads nothing', async (query, path) => {
    const { list, queries } = setUp();

    const result = await list(query);

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body as string).errors).toEqual([expect.objectContaining({ path })]);
    expect(queries).toEqual([]);
  });

  it('answers 403 to a customer token', async () => {
    const { list, queries } = setUp();

    const result = await list({}, []);

    expect(result.statusCode).toBe(403);
    expect(queries).toEqual([]);
  });
});
