export * from './local-dynamodb';
export * from './table-definitions';
