import { RequestValidationError } from '@order-platform/domain';

// The cursor is DynamoDB's LastEvaluatedKey for the byCustomer index, minus the customer id
// (the caller's own, so a cursor can never point into another customer's orders).
interface CursorPosition {
  orderId: string;
  createdAt: string;
}

// DynamoDB's limits on key attributes: a key string is never empty, a partition key (orderId)
// is at most 2048 bytes of UTF-8 and a sort key (createdAt, in the index) at most 1024. A
// cursor outside them reaches DynamoDB as a ValidationException, which is a 500, not a 400.
const MAX_PARTITION_KEY_BYTES = 2048;

/** What the repository writes as createdAt (Date#toISOString), the only form a real cursor holds. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** With the u flag a surrogate matches only when unpaired. */
const LONE_SURROGATE = /\p{Cs}/u;

const invalidCursor = () =>
  new RequestValidationError([{ path: '/cursor', message: 'Invalid cursor: pass nextCursor from a previous page' }]);

/** Non-empty, within the key limit, and well-formed UTF-16 (a lone surrogate cannot become UTF-8). */
const isKeyString = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  !LONE_SURROGATE.test(value) &&
  Buffer.byteLength(value, 'utf8') <= MAX_PARTITION_KEY_BYTES;

/** An instant as toISOString writes it, and a real one (2026-02-30 matches the pattern but is not). */
const isIsoInstant = (value: unknown): value is string =>
  typeof value === 'string' && ISO_INSTANT.test(value) && new Date(value).toISOString() === value;

const isCursorPosition = (position: unknown): position is CursorPosition =>
  typeof position === 'object' &&
  position !== null &&
  !Array.isArray(position) &&
  Object.keys(position).length === 2 &&
  isKeyString((position as CursorPosition).orderId) &&
  isIsoInstant((position as CursorPosition).createdAt);

export const encodeOrderCursor = (lastEvaluatedKey: Record<string, unknown>): string =>
  Buffer.from(
    JSON.stringify({ orderId: lastEvaluatedKey.orderId, createdAt: lastEvaluatedKey.createdAt } as CursorPosition),
  ).toString('base64url');

/** The ExclusiveStartKey a cursor stands for; anything DynamoDB would refuse is a 400 here. */
export const decodeOrderCursor = (cursor: string, customerId: string): Record<string, string> => {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!isCursorPosition(position)) throw invalidCursor();
  const { orderId, createdAt } = position;
  return { orderId, createdAt, customerId };
};
