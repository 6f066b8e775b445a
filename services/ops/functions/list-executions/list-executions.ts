import { ListExecutionsQuerySchema } from '@order-platform/api/list-executions-query';
import { parseOrThrow } from '@order-platform/domain';
import { httpApiHandler, json, requireScope } from '@order-platform/http';
import type { Logging } from '@order-platform/lambda';
import { OPS_SCOPE, parseSince, type ExecutionReader } from '@order-platform/ops';

/** GET /ops/executions?status=&since=&limit=&nextToken=: the workflow's executions, newest first. */
export const listExecutionsHandler = (
  deps: { executions: Pick<ExecutionReader, 'listPage'>; clock: () => Date } & Logging,
) =>
  httpApiHandler(async (event, logger) => {
    logger.appendKeys({ operator: requireScope(event, OPS_SCOPE) });
    const { status, since, limit, nextToken } = parseOrThrow(
      ListExecutionsQuerySchema,
      event.queryStringParameters ?? {},
    );
    const page = await deps.executions.listPage({
      ...(status ? { status } : {}),
      ...(since ? { since: parseSince(since, deps.clock()) } : {}),
      pageSize: limit,
      ...(nextToken ? { nextToken } : {}),
    });
    return json(200, page, { 'cache-control': 'no-store' });
  }, deps);
