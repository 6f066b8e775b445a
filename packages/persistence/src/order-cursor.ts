import { RequestValidationError } from '@order-platform/domain';

// The cursor is DynamoDB's LastEvaluatedKey for the byCustomer index, minus the customer id
// (the caller's own, so a cursor can never point into another customer's orders).
interface CursorPosition {
  orderId: string;
  createdAt: string;
}

const invalidCursor = () =>
  new RequestValidationError([{ path: '/cursor', message: 'Invalid cursor: pass nextCursor from a previous page' }]);

export const encodeOrderCursor = (lastEvaluatedKey: Record<string, unknown>): string =>
  Buffer.from(
    JSON.stringify({ orderId: lastEvaluatedKey.orderId, createdAt: lastEvaluatedKey.createdAt } as CursorPosition),
  ).toString('base64url');

export const decodeOrderCursor = (cursor: string, customerId: string): Record<string, string> => {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    typeof position !== 'object' ||
    position === null ||
    Object.keys(position).length !== 2 ||
    typeof (position as CursorPosition).orderId !== 'string' ||
    typeof (position as CursorPosition).createdAt !== 'string' ||
    Number.isNaN(Date.parse((position as CursorPosition).createdAt))
  ) {
    throw invalidCursor();
  }
  const { orderId, createdAt } = position as CursorPosition;
  return { orderId, createdAt, customerId };
};
