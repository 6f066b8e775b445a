import LRUCache from './lru-cache';

describe('the LRU cache a Lambda bundle uses for discovered endpoints', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new LRUCache<string, number>(2);
    cache.set('a', 1).set('b', 2);

    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);

    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });

  it('peeks without changing what is dropped next, and replaces a value in place', () => {
    const cache = new LRUCache<string, number>(2);
    cache.set('a', 1).set('b', 2);

    expect(cache.peek('a')).toBe(1);
    cache.set('b', 20).set('c', 3);

    expect([cache.peek('a'), cache.peek('b'), cache.peek('c')]).toEqual([undefined, 20, 3]);
    expect(cache.get('missing')).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('answers what @aws-sdk/endpoint-cache asks of it, built as the DynamoDB client builds it', async () => {
    const { EndpointCache } = await import('@aws-sdk/endpoint-cache');
    const endpoints = new EndpointCache(1000);
    // The real EndpointCache over mnemonist; the same calls must hold over this class.
    const ours = Object.assign(Object.create(EndpointCache.prototype), {
      cache: new LRUCache(1000),
    }) as typeof endpoints;
    for (const cache of [endpoints, ours]) {
      cache.set('op', [{ Address: 'dynamodb.eu-west-1.amazonaws.com', CachePeriodInMinutes: 1 }]);
      expect(cache.getEndpoint('op')).toBe('dynamodb.eu-west-1.amazonaws.com');
      cache.delete('op');
      expect(cache.has('op')).toBe(false);
    }
  });
});
