/**
 * What a Lambda bundle holds in place of `mnemonist/lru-cache`.
 *
 * The DynamoDB client keeps the endpoints DynamoDB's endpoint discovery finds in an LRU cache
 * (`@aws-sdk/endpoint-cache`), built with every client though discovery is off unless configured.
 * mnemonist's cache, with the iterator library it brings, is ~7 KB of every bundle that has the
 * DynamoDB client; a Map keeps insertion order, which is all an LRU needs. serverless.yml's esbuild
 * `alias` puts this class in its place; delete that line to bundle mnemonist again.
 */
export default class LRUCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size() {
    return this.entries.size;
  }

  has(key: K) {
    return this.entries.has(key);
  }

  /** The value, without making it the most recently used. */
  peek(key: K) {
    return this.entries.get(key);
  }

  /** The value, made the most recently used. */
  get(key: K) {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores the value as the most recently used, dropping the least recently used past capacity. */
  set(key: K, value: V) {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  clear() {
    this.entries.clear();
  }
}
