import { parseOrThrow } from '@order-platform/domain';
import { httpApiHandler, json, requireScope } from '@order-platform/http';
import type { Logging } from '@order-platform/lambda';
import { EXECUTION_STATUSES, OPS_SCOPE, parseSince, type ExecutionReader } from '@order-platform/ops';
import * as z from 'zod/mini';

export const ListExecutionsQuerySchema = z.strictObject({
  status: z.optional(z.enum(EXECUTION_STATUSES)),
  since: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  // Step Functions' own page token, passed back as it came (it is opaque and up to 3 KB).
  nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
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
