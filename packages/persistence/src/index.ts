export * from './dynamodb';
export * from './order-repository';
export * from './product-catalog';
export * from './stock-ledger';
export * from './live-orders';
