import { parseOrThrow } from '@order-platform/domain';
import { httpApiHandler, json, requireScope } from '@order-platform/http';
import type { Logging } from '@order-platform/lambda';
import { EXECUTION_STATUSES, OPS_SCOPE, parseSince, type ExecutionReader } from '@order-platform/ops';
import * as z from 'zod';

export const ListExecutionsQuerySchema = z.strictObject({
  status: z.enum(EXECUTION_STATUSES).optional(),
  since: z.string().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  // Step Functions' own page token, passed back as it came (it is opaque and up to 3 KB).
  nextToken: z.string().min(1).max(4096).optional(),
});

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
