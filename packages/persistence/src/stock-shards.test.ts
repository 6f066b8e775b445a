import { MIN_UNITS_PER_SHARD, shardKeysOf, shardOrderFor, splitStock, STOCK_SHARDS } from './stock-shards';

describe('stock shards', () => {
  it('splits stock across every shard without losing or inventing a unit', () => {
    expect(splitStock(1000)).toEqual([250, 250, 250, 250]);
    expect(splitStock(1003)).toEqual([251, 251, 251, 250]);
    expect(splitStock(0)).toEqual([0, 0, 0, 0]);
    for (const units of [1, 7, 149, 501, 999]) expect(splitStock(units).reduce((a, b) => a + b, 0)).toBe(units);
  });

  it('keeps a small stock on fewer shards, each with at least its minimum', () => {
    expect(splitStock(3)).toEqual([3, 0, 0, 0]);
    expect(splitStock(MIN_UNITS_PER_SHARD * 2 + 1)).toEqual([51, 50, 0, 0]);
  });

  it('gives each SKU one key per shard, each its own partition key', () => {
    expect(shardKeysOf('KB-001')).toEqual(['KB-001#0', 'KB-001#1', 'KB-001#2', 'KB-001#3']);
  });

  it('tries every shard once per order, the same order on every retry', () => {
    const order = shardOrderFor('order-1');

    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(shardOrderFor('order-1')).toEqual(order);
  });

  it('spreads orders over the shards rather than sending them all to one', () => {
    const firsts = new Map<number, number>();
    for (let i = 0; i < 4000; i += 1) {
      const first = shardOrderFor(`order-${i}`)[0] as number;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }

    expect(firsts.size).toBe(STOCK_SHARDS);
    for (const count of firsts.values()) expect(count).toBeGreaterThan(800);
  });
});
