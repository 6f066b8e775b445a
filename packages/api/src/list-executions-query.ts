import { EXECUTION_STATUSES } from '@order-platform/ops/report';
import * as z from 'zod/mini';

/** GET /ops/executions: one page of the workflow's executions, newest first. */
export const ListExecutionsQuerySchema = z.strictObject({
  status: z.optional(z.enum(EXECUTION_STATUSES)),
  since: z
    .optional(z.string().check(z.minLength(1), z.maxLength(40)))
    .register(z.globalRegistry, { description: 'A window (`15m`, `2h`, `7d`) or an ISO instant', example: '2h' }),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  // Step Functions' own page token, passed back as it came (it is opaque and up to 3 KB).
  nextToken: z
    .optional(z.string().check(z.minLength(1), z.maxLength(4096)))
    .register(z.globalRegistry, { description: '`nextToken` of the previous page' }),
});
