/**
 * How one SKU's stock is split across counter items (shards) with distinct partition keys, so that
 * a hot SKU's writes spread over several DynamoDB partitions instead of one (the per-SKU ceiling
 * is in the README). Pure: the stock ledger and the catalog both read the layout from here.
 */
export const STOCK_SHARDS = 4;

/** The stock table's key of one shard of a SKU. */
export const shardKeyOf = (sku: string, shard: number): string => `${sku}#${shard}`;

/** Every shard key of a SKU, shard 0 first. */
export const shardKeysOf = (sku: string): string[] =>
  Array.from({ length: STOCK_SHARDS }, (_, shard) => shardKeyOf(sku, shard));

/**
 * Below this many units a shard is not worth its own partition: a few units spread thin would let
 * concurrent orders for several units each take part of a line and all run short.
 */
export const MIN_UNITS_PER_SHARD = 50;

/**
 * Splits units on hand across the shards as evenly as whole units allow, the remainder first, and
 * over fewer shards (the rest empty) when there are too few units to give each its minimum.
 */
export const splitStock = (units: number): number[] => {
  const used = Math.min(STOCK_SHARDS, Math.max(1, Math.floor(units / MIN_UNITS_PER_SHARD)));
  return Array.from({ length: STOCK_SHARDS }, (_, shard) =>
    shard < used ? Math.floor(units / used) + (shard < units % used ? 1 : 0) : 0,
  );
};

/** FNV-1a, 32 bits: stable across runs and processes, so a retry draws where its first attempt did. */
const hashOf = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

/**
 * The order in which an order tries the shards: its own first (spread by its id, so concurrent
 * orders land on different partitions), then the others in turn when its own runs short.
 */
export const shardOrderFor = (orderId: string): number[] => {
  const first = hashOf(orderId) % STOCK_SHARDS;
  return Array.from({ length: STOCK_SHARDS }, (_, step) => (first + step) % STOCK_SHARDS);
};
