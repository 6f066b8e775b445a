import { createHash } from 'node:crypto';

/**
 * The order id for a keyed request is derived from the customer and the key, so every retry and
 * every concurrent duplicate races on the same DynamoDB item: one conditional put wins, and no
 * separate idempotency record (or transaction) is needed. Formatted as an RFC 9562 UUIDv8.
 */
export const orderIdForIdempotencyKey = (customerId: string, idempotencyKey: string): string => {
  const bytes = createHash('sha256').update(`${customerId}\u0000${idempotencyKey}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80; // version 8
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Key order and whitespace do not change the fingerprint: it hashes the canonical JSON. */
export const requestFingerprint = (request: unknown): string =>
  createHash('sha256').update(canonicalJson(request)).digest('base64url');

const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      // Code-unit order, the same on every machine (localeCompare is not).
      .sort(([a], [b]) => Number(a > b) - Number(a < b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};
