import { orderIdForIdempotencyKey, requestFingerprint } from './idempotency';

describe('orderIdForIdempotencyKey', () => {
  it('gives the same id for the same customer and key', () => {
    expect(orderIdForIdempotencyKey('c-1', 'key-1')).toBe(orderIdForIdempotencyKey('c-1', 'key-1'));
  });

  it('gives different ids to different customers using the same key', () => {
    expect(orderIdForIdempotencyKey('c-1', 'key-1')).not.toBe(orderIdForIdempotencyKey('c-2', 'key-1'));
  });

  it('cannot be confused by moving characters between customer and key', () => {
    expect(orderIdForIdempotencyKey('ab', 'c')).not.toBe(orderIdForIdempotencyKey('a', 'bc'));
  });

  it('is a valid UUIDv8, usable as a Step Functions execution name', () => {
    expect(orderIdForIdempotencyKey('c-1', 'key-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('requestFingerprint', () => {
  it('ignores key order', () => {
    expect(requestFingerprint({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      requestFingerprint({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it('leaves out a key whose value is undefined, as JSON does', () => {
    expect(requestFingerprint({ a: 1, note: undefined })).toBe(requestFingerprint({ a: 1 }));
  });

  it('keeps apart arrays that only the separator between their items tells apart', () => {
    expect(requestFingerprint({ lines: [1, 23] })).not.toBe(requestFingerprint({ lines: [12, 3] }));
  });

  it('changes with any value, including array order', () => {
    const base = requestFingerprint({
      items: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 1 },
      ],
    });
    expect(
      requestFingerprint({
        items: [
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 1 },
        ],
      }),
    ).not.toBe(base);
    expect(
      requestFingerprint({
        items: [
          { sku: 'B', quantity: 1 },
          { sku: 'A', quantity: 1 },
        ],
      }),
    ).not.toBe(base);
  });
});
