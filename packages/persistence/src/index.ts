export * from './dynamodb';
export * from './order-repository';
export * from './product-catalog';
export * from './stock-ledger';
export * from './live-orders';
export * from './stock-counters';
export * from './stock-shards';
