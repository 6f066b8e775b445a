import { RequestValidationError } from '@order-platform/domain';

/** The OAuth scope an ops token carries; the ops routes require it (serverless.yml). */
export const OPS_SCOPE = 'order-platform/ops';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--since` / `?since=`: a duration back from now (`90s`, `15m`, `2h`, `7d`) or an ISO instant.
 * Anything else is a bad request, never "everything".
 */
export const parseSince = (value: string, now: Date = new Date()): Date => {
  const duration = /^(\d+)([smhd])$/.exec(value.trim());
  if (duration) return new Date(now.getTime() - Number(duration[1]) * (UNIT_MS[duration[2] ?? ''] ?? 0));
  const instant = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value.trim()) ? new Date(value) : undefined;
  if (instant && !Number.isNaN(instant.getTime())) return instant;
  throw new RequestValidationError([
    { path: '/since', message: 'Give a duration such as 15m, 2h or 7d, or an ISO date such as 2026-11-21T08:00:00Z' },
  ]);
};
