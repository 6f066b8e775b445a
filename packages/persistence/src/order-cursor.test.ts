import { RequestValidationError } from '@order-platform/domain';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor';

const createdAt = '2026-11-21T10:00:00.000Z';
const cursorOf = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');

describe('order cursor', () => {
  it('turns a page’s LastEvaluatedKey back into the caller’s ExclusiveStartKey', () => {
    const cursor = encodeOrderCursor({ orderId: 'order-1', createdAt, customerId: 'alice' });

    expect(cursor).not.toContain('alice');
    expect(decodeOrderCursor(cursor, 'bob')).toEqual({ orderId: 'order-1', createdAt, customerId: 'bob' });
  });

  it('takes an order id up to DynamoDB’s 2048-byte key limit, counted in UTF-8 bytes', () => {
    expect(decodeOrderCursor(cursorOf({ orderId: 'é'.repeat(1024), createdAt }), 'alice').orderId).toHaveLength(1024);
    expect(() => decodeOrderCursor(cursorOf({ orderId: `${'é'.repeat(1024)}x`, createdAt }), 'alice')).toThrow(
      RequestValidationError,
    );
  });

  it('takes characters outside the BMP, which are surrogate pairs', () => {
    expect(decodeOrderCursor(cursorOf({ orderId: 'order-😀', createdAt }), 'alice').orderId).toBe('order-😀');
  });

  it.each([
    ['null', null],
    ['a string', 'order-1'],
    ['a third key', { orderId: 'order-1', createdAt, customerId: 'mallory' }],
    ['a missing createdAt', { orderId: 'order-1', other: createdAt }],
    ['a createdAt without milliseconds', { orderId: 'order-1', createdAt: '2026-11-21T10:00:00Z' }],
    ['a createdAt as a number', { orderId: 'order-1', createdAt: 1_763_719_200_000 }],
  ])('refuses %s with a 400 that names the cursor', (_, position) => {
    expect(() => decodeOrderCursor(cursorOf(position), 'alice')).toThrow(
      expect.objectContaining({
        errors: [{ path: '/cursor', message: 'Invalid cursor: pass nextCursor from a previous page' }],
      }),
    );
  });
});
