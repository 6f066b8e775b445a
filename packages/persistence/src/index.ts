export * from './conditional-write';
export * from './document-client';
export * from './order-repository';
export * from './product-catalog';
export * from './stock-ledger';
